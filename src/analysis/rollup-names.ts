/**
 * Names of the Länder (2-digit AGS prefix) and Regierungsbezirke (3 digits), as the Gemeindeverzeichnis
 * (Destatis GV100AD) writes them. Kreise are too many to carry: their names come from the caller.
 */
const LAENDER: Record<string, string> = {
  '01': 'Schleswig-Holstein',
  '02': 'Hamburg',
  '03': 'Niedersachsen',
  '04': 'Bremen',
  '05': 'Nordrhein-Westfalen',
  '06': 'Hessen',
  '07': 'Rheinland-Pfalz',
  '08': 'Baden-Württemberg',
  '09': 'Bayern',
  '10': 'Saarland',
  '11': 'Berlin',
  '12': 'Brandenburg',
  '13': 'Mecklenburg-Vorpommern',
  '14': 'Sachsen',
  '15': 'Sachsen-Anhalt',
  '16': 'Thüringen',
};

const REGIERUNGSBEZIRKE: Record<string, string> = {
  '051': 'Düsseldorf',
  '053': 'Köln',
  '055': 'Münster',
  '057': 'Detmold',
  '059': 'Arnsberg',
  '064': 'Darmstadt',
  '065': 'Gießen',
  '066': 'Kassel',
  '081': 'Stuttgart',
  '082': 'Karlsruhe',
  '083': 'Freiburg',
  '084': 'Tübingen',
  '091': 'Oberbayern',
  '092': 'Niederbayern',
  '093': 'Oberpfalz',
  '094': 'Oberfranken',
  '095': 'Mittelfranken',
  '096': 'Unterfranken',
  '097': 'Schwaben',
};

/** The built-in name of a Land or Regierungsbezirk prefix, or undefined. */
export function builtInName(prefix: string): string | undefined {
  if (prefix.length === 2) return Object.hasOwn(LAENDER, prefix) ? LAENDER[prefix] : undefined;
  if (prefix.length === 3)
    return Object.hasOwn(REGIERUNGSBEZIRKE, prefix) ? REGIERUNGSBEZIRKE[prefix] : undefined;
  return undefined;
}
