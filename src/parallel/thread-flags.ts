/**
 * The node flags a thread takes from this process, less those for a script given on the command line
 * (`node --input-type=module -e …`): a worker started with them fails at once.
 */
export function threadFlags(): string[] {
  const flags: string[] = [];
  const argv = process.execArgv;
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k];
    if (/^--input-type(=|$)/.test(flag)) {
      if (!flag.includes('=')) k++;
    } else if (/^(-e|--eval|-p|--print)$/.test(flag)) k++;
    else if (!/^(--eval|--print)=/.test(flag)) flags.push(flag);
  }
  return flags;
}
