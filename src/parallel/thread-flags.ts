/** Flags that take a value in the next argument when given without `=`. */
const WITH_VALUE =
  /^(--import|--require|-r|--loader|--experimental-loader|--conditions|-C|--input-type|-e|--eval|-p|--print)$/;

/** The flags a worker can be given and needs to load its module as this process did. */
const FOR_WORKERS =
  /^(--import|--require|-r|--loader|--experimental-loader|--conditions|-C|--enable-source-maps|--no-warnings)(=|$)/;

/**
 * The node flags for a worker thread, or undefined to let it inherit this process's (the default,
 * which Node filters itself). Only a process started with a script on the command line (`node
 * --input-type=module -e …`) needs a list: a worker inheriting those fails at once. That list holds
 * the loader flags alone, since Node refuses process-wide ones (`--max-old-space-size`) in it.
 */
export function threadFlags(argv: readonly string[] = process.execArgv): string[] | undefined {
  if (!argv.some((flag) => /^(-e|--eval|-p|--print|--input-type)(=|$)/.test(flag))) return undefined;
  const flags: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k];
    const value = WITH_VALUE.test(flag) ? argv[++k] : undefined;
    if (!FOR_WORKERS.test(flag)) continue;
    flags.push(flag);
    if (value !== undefined) flags.push(value);
  }
  return flags;
}
