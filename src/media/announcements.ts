/**
 * Which prompt a call hears in a situation: the session's own, else its pool's,
 * else Masq's built-in one. A level that names a prompt that has since gone is
 * skipped, so a deleted or never-uploaded prompt never leaves a caller in silence.
 */
import type { AnnouncementSituation, Announcements } from '../masking/types.js';
import type { PromptFiles } from './prompt-files.js';

/** What a call knows of its levels; any may be absent. */
export interface AnnouncementLevels {
  session?: Announcements | undefined;
  pool?: Announcements | undefined;
}

/** The chosen prompt: its id and the path the media server plays. */
export interface ChosenPrompt {
  id: string;
  path: string;
  level: 'session' | 'pool' | 'default';
}

/** Picks prompts by precedence (session → pool → built-in). */
export class AnnouncementPicker {
  constructor(
    private readonly files: PromptFiles,
    private readonly builtIn: Announcements,
  ) {}

  /** A prompt named directly (the routing callback's play action), or undefined when it does not exist. */
  async byId(id: string): Promise<ChosenPrompt | undefined> {
    const path = await this.files.pathFor(id);
    return path ? { id, path, level: 'session' } : undefined;
  }

  /** The prompt for `situation`, or undefined when no level has one that exists. */
  async pick(situation: AnnouncementSituation, levels: AnnouncementLevels): Promise<ChosenPrompt | undefined> {
    const tries: [ChosenPrompt['level'], string | undefined][] = [
      ['session', situation === 'notInSession' ? undefined : levels.session?.[situation]],
      ['pool', levels.pool?.[situation]],
      ['default', this.builtIn[situation]],
    ];
    for (const [level, id] of tries) {
      if (!id) continue;
      const path = await this.files.pathFor(id);
      if (path) return { id, path, level };
    }
    return undefined;
  }
}
