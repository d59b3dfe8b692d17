import type { PlaybooksRepository } from '../core/repository/playbooksRepository';
import type { OperationContext } from '../core/runs/operationContext';
import type { PreparedPublish } from '../platform/publishing';
import type { PublishChecks } from '../core/retrospectives/retrospectiveOperations';

/** What a publish did (the commit, its branch, the pull-request link). */
export type PublishResult = Awaited<ReturnType<PreparedPublish['publish']>>;

/** A one-line question; `validate` returns the message shown under the box, or undefined when fine. */
export interface TextQuestion {
  title: string;
  prompt: string;
  placeholder: string;
  validate(value: string): string | undefined;
}

/**
 * How an action asks the person, given by its surface: the palette and the reminder use VS Code's
 * dialogs and input boxes, the run editor its modal dialogs (the page collects text itself), and
 * calls with plain arguments ask nothing.
 */
export interface ActionPrompts {
  /** A modal confirmation; true when the person chose `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** One line of text; undefined when the person cancels. */
  input(question: TextQuestion): Promise<string | undefined>;
  /** A short "done" the surface may show (the palette's status bar); the page re-renders instead. */
  report(message: string): void;
  /** A result worth a notification, with a link to open (a pull request) when there is one. */
  announce(message: string, link?: { title: string; url: string }): void;
}

/**
 * What an action needs from VS Code, passed in so the actions run (and are tested) without it:
 * src/actions/runHost.ts builds it from a workspace folder.
 */
export interface RunHost {
  /** Refusals that need no answer (untrusted workspace, unsaved run files) come before any question. */
  checkWritable(): void;
  /** The write: checks again, who acts, the core call (which takes the run lock), then the refresh. */
  change<T>(operation: (context: OperationContext) => T | Promise<T>): Promise<T>;
  /** The commit checked out, for path:line links; undefined without git. */
  headCommit(): Promise<string | undefined>;
  /** Skipping commits the run's files through the publish flow. */
  commitSkip(reason: string, context: OperationContext): Promise<unknown>;
  /** Everything a publish can refuse before anyone is asked, and what to tell the person about it. */
  preparePublish(checks: PublishChecks): Promise<PreparedPublish>;
  /** Sends a command to a new terminal at the repository root (the caller asked and recorded it). */
  runInTerminal(command: string, name: string): void;
  /** A refresh after a commit ended (change() refreshed when the write started). */
  refresh(): void;
}

/** What starting a run needs from VS Code (a change to the folder, not yet to a run). */
export interface FolderHost {
  /** Trust first, who acts, the operation, then the refresh. */
  change<T>(operation: (context: OperationContext) => T | Promise<T>): Promise<T>;
  /** The last commit of a file, to record which playbook version a run follows; undefined without git. */
  lastCommitOf(file: string): Promise<string | undefined>;
}

/** The run an action is about, how it asks, and what it needs from the host. */
export interface RunActionTarget {
  repo: PlaybooksRepository;
  runId: string;
  host: RunHost;
  prompts: ActionPrompts;
}
