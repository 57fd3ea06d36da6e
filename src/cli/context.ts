/** What every command is given: the API client and the output, both built from the global options. */
import type { ApiClient } from './client.js';
import type { Output } from './output.js';

export interface CliContext {
  /** Built on first use, after the global options are parsed. */
  api(): ApiClient;
  out(): Output;
}
