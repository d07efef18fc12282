/**
 * The JSON schema of jepsh-bench.config.json: the single source of truth for validation (ajv,
 * config.ts), defaults (ajv's useDefaults, DEFAULT_THRESHOLDS, DEFAULT_SAMPLING) and the `Config`
 * type (json-schema-to-ts). A TS `as const` object so that the type can be derived from it;
 * config.schema.json beside it is generated from it for editors (`$schema`):
 *   node --import tsx scripts/config-schema.ts
 * and test/config/schema.test.ts fails when the two differ.
 *
 * Every object has `default: {}` so that ajv descends into a missing section and fills its
 * defaults too.
 */
export const CONFIG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'jepsh-bench.config.json',
  description: 'Thresholds, per-benchmark overrides, absolute budgets and sampling defaults for jepsh-bench.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: {
      type: 'string',
      description: 'editor hint; ignored',
    },
    thresholds: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Defaults for every statistical comparison.',
      properties: {
        noise: {
          type: 'number',
          minimum: 0,
          maximum: 10,
          default: 0.02,
          description: 'relative change treated as noise (0.05 = 5%)',
        },
        alpha: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 1,
          default: 0.05,
          description: 'significance level for the Benjamini-Hochberg adjusted p-value',
        },
        minSamples: {
          type: 'integer',
          minimum: 2,
          default: 2,
          description: 'a time metric with a session of fewer samples on either side is inconclusive',
        },
        minSessions: {
          type: 'integer',
          minimum: 2,
          default: 2,
          description:
            'fewer sessions on either side makes a verdict inconclusive (the session is the unit of replication)',
        },
        severity: {
          type: 'object',
          additionalProperties: false,
          default: {},
          description:
            'bad-direction ratio factors (default 1.25 / 1.5 / 2.0): >= critical is critical, >= major is major, ' +
            'any other confirmed regression is minor',
          properties: {
            minor: {
              type: 'number',
              minimum: 1,
              default: 1.25,
              description: "kept for symmetry: every confirmed regression below 'major' is minor",
            },
            major: {
              type: 'number',
              minimum: 1,
              default: 1.5,
            },
            critical: {
              type: 'number',
              minimum: 1,
              default: 2.0,
            },
          },
        },
      },
    },
    overrides: {
      type: 'array',
      default: [],
      description: 'Per suite, benchmark and metric thresholds; the most specific match wins.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['match'],
        properties: {
          match: {
            type: 'string',
            description: 'benchmark id or glob with * (e.g. "scheduler/*")',
          },
          metric: {
            type: 'string',
            description: 'metric name or glob; all metrics when absent',
          },
          noise: {
            type: 'number',
            minimum: 0,
            maximum: 10,
          },
          alpha: {
            type: 'number',
            exclusiveMinimum: 0,
            maximum: 1,
          },
          minSamples: {
            type: 'integer',
            minimum: 2,
          },
          minSessions: {
            type: 'integer',
            minimum: 2,
          },
        },
      },
    },
    budgets: {
      type: 'array',
      default: [],
      description: 'Absolute limits checked on every candidate run.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['benchmark', 'metric', 'op', 'limit'],
        properties: {
          benchmark: {
            type: 'string',
            description: 'benchmark id or glob with *',
          },
          metric: {
            type: 'string',
          },
          stat: {
            enum: ['median', 'mean', 'p95', 'p99', 'max', 'min'],
            default: 'median',
          },
          op: {
            enum: ['<', '<=', '>', '>='],
          },
          limit: {
            type: 'number',
          },
          description: {
            type: 'string',
          },
        },
      },
    },
    sampling: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description:
        'How much run, check, ab, bisect, calibrate and power measure; the flags --warmup, --time, ' +
        '--samples and --sessions override it.',
      properties: {
        warmupS: {
          type: 'number',
          minimum: 0,
          default: 0.1,
          description: 'warm-up time per benchmark, side and session, seconds (--warmup)',
        },
        timeS: {
          type: 'number',
          minimum: 0,
          default: 1.6,
          description: 'minimum sampling time per benchmark and side, seconds, split between the sessions (--time)',
        },
        samples: {
          type: 'integer',
          minimum: 2,
          default: 32,
          description:
            'minimum samples per benchmark and side, split between the sessions (--samples); ' +
            '32 is 2 per session at 16 sessions',
        },
        sessions: {
          type: 'integer',
          minimum: 1,
          default: 16,
          description:
            'sessions per run, each a fresh renderer process per suite (--sessions); ' +
            'many short sessions beat a few long ones',
        },
        passes: {
          type: 'object',
          additionalProperties: {
            type: 'integer',
            minimum: 1,
            maximum: 8,
          },
          default: {},
          description:
            'passes per session by benchmark id or glob with * (most specific wins; default 1): a benchmark ' +
            'measured k times per session, at k places in its random order, samples joined into the ' +
            "session's value; steadies a noisy benchmark for its own time only (docs/statistics.md)",
        },
        sessionSamples: {
          type: 'object',
          additionalProperties: {
            type: 'integer',
            minimum: 2,
            maximum: 64,
          },
          default: {},
          description:
            'minimum samples per side in each session (each pass) by benchmark id or glob with * (most ' +
            'specific wins; default: samples / sessions): for slow operations whose session value rests on ' +
            'a few samples (docs/statistics.md)',
        },
      },
    },
    branchRuns: {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      default: 5,
      description: 'runs pooled by --against branch:NAME',
    },
    autoMaxTimeS: {
      type: 'number',
      minimum: 0,
      default: 180,
      description: 'default --max-time of check --auto, seconds',
    },
    checkTimeBudgetS: {
      type: 'number',
      minimum: 0,
      default: 690,
      description:
        'default --time-budget of check --base (the CI gate), seconds from its start: fewer sessions on a ' +
        'slower runner, never below the floor the tests need; not with --auto or --sessions; 0 for none',
    },
    nightlyWindow: {
      type: 'integer',
      minimum: 1,
      default: 3,
      description: 'check --nightly fails on a bad change point within the newest N runs',
    },
    nightlyMinChange: {
      type: 'number',
      minimum: 0,
      default: 0.05,
      description:
        'smallest relative change of the median a nightly change point must show to fail the night ' +
        '(smaller ones are reported, never alerts)',
    },
    nightlyFdr: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1,
      default: 0.05,
      description:
        'false discovery rate of nightly alerts: Benjamini-Hochberg over the change points of every series ' +
        'checked that night',
    },
    sessionTest: {
      type: 'string',
      enum: ['rank', 'modes', 't'],
      default: 'modes',
      description:
        'session test on the ratio scale: rank (Wilcoxon signed-rank paired, Mann-Whitney stored), ' +
        'modes (the same rank tests, looking through two modes of the session values when there are two: ' +
        'docs/statistics.md section 3), t (paired t / Welch t on logs)',
    },
    defaultSuites: {
      type: 'array',
      items: {
        type: 'string',
      },
      default: ['reactivity', 'diffing', 'scheduler', 'pools', 'memo'],
      description: 'suites that run when no suite is named (wasm and smoke are opt-in: name them)',
    },
  },
} as const;

/** Where the generated editor copy lives, from the package root (init's `$schema` points to it). */
export const CONFIG_SCHEMA_PATH = 'src/config/config.schema.json';

/** CONFIG_SCHEMA as config.schema.json holds it, byte for byte. */
export function configSchemaText(): string {
  return `${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n`;
}
