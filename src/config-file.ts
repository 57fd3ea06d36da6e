/**
 * The optional JSON file named by MASQ_CONFIG_FILE (pools to create at start,
 * see config/masq.example.json), and the error every configuration problem
 * is reported with. The environment itself is read by config.ts only.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const numberEntrySchema = z.union([
  z.string(),
  z.strictObject({
    number: z.string(),
    region: z.string().max(16).optional(),
    capabilities: z.array(z.enum(['voice', 'sms'])).optional(),
  }),
]);

/** Shape of the optional JSON file named by MASQ_CONFIG_FILE (see config/masq.example.json). */
export const configFileSchema = z.strictObject({
  pools: z
    .array(
      z.strictObject({
        id: z.string(),
        description: z.string().optional(),
        numbers: z.array(numberEntrySchema).default([]),
      }),
    )
    .default([]),
});

export type ConfigFile = z.infer<typeof configFileSchema>;

/** Raised when the environment or the config file is invalid; the message lists every problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** One message listing every problem, a line each. */
export function formatIssues(prefix: string, issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
  return `${prefix}\n${lines.join('\n')}`;
}

/** Reads and validates the config file; ConfigError names the file and every problem. */
export function readConfigFile(path: string): ConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`MASQ_CONFIG_FILE ${path}: ${(err as Error).message}`);
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(formatIssues(`Invalid config file ${path}:`, parsed.error.issues));
  return parsed.data;
}
