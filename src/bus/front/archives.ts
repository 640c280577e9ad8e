/**
 * Part of the {@link EventBridge} front: archives and replays. Each method documents one
 * operation and hands the call, with the instance's state, to its module; no logic here. The
 * front is a chain of such classes, one file per group of resources, so that no file grows with
 * every new operation (docs/design/009-bus-layout.md).
 */

import { createArchive, deleteArchive, describeArchive, listArchives, updateArchive } from '../archives.js';
import type {
  ArchiveChangeResponse, ArchiveRef, CreateArchiveRequest, DescribeArchiveResponse, ListArchivesRequest,
  ListArchivesResponse, UpdateArchiveRequest,
} from '../archives.js';
import { cancelReplay, describeReplay, listReplays, replaysSettled, startReplay } from '../replays.js';
import type {
  CancelReplayResponse, DescribeReplayResponse, ListReplaysRequest, ListReplaysResponse, ReplayRef,
  StartReplayRequest, StartReplayResponse,
} from '../replays.js';
import { SettingsFront } from './settings.js';

/** Archives and replays (see {@link EventBridge}). */
export class ArchivesFront extends SettingsFront {
  // Archives (archives.ts) and replays (replays.ts) -----------------------------------------------

  /**
   * CreateArchive: `{ ArchiveName, EventSourceArn, EventPattern?, RetentionDays?, Description? }` →
   * `{ ArchiveArn, State: 'ENABLED', CreationTime }`. From then on, events reaching the bus from
   * PutEvents that match the pattern are kept.
   *
   * @throws {@link EventBridgeError} `ResourceAlreadyExistsException` `Archive <name> already exists.`;
   *   `ResourceNotFoundException` for an unknown bus.
   * @throws {@link InvalidEventPatternError} for a pattern AWS rejects.
   */
  createArchive(input: CreateArchiveRequest): ArchiveChangeResponse {
    return createArchive(this.state, input);
  }

  /**
   * DescribeArchive: `{ ArchiveName }` → the archive with `State`, `EventCount` and `SizeBytes`.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` `Archive <name> does not exist.`
   */
  describeArchive(input: ArchiveRef): DescribeArchiveResponse {
    return describeArchive(this.state, input);
  }

  /**
   * ListArchives, sorted by name: `{ NamePrefix?, EventSourceArn?, State?, NextToken?, Limit? }` → `{ Archives }`.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown bus in EventSourceArn.
   */
  listArchives(input: ListArchivesRequest = {}): ListArchivesResponse {
    return listArchives(this.state, input);
  }

  /**
   * UpdateArchive: `{ ArchiveName, Description?, EventPattern?, RetentionDays? }` → as CreateArchive.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown archive.
   */
  updateArchive(input: UpdateArchiveRequest): ArchiveChangeResponse {
    return updateArchive(this.state, input);
  }

  /**
   * DeleteArchive: `{ ArchiveName }` → `{}`.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` for an unknown archive.
   */
  deleteArchive(input: ArchiveRef): Record<string, never> {
    return deleteArchive(this.state, input);
  }

  /**
   * StartReplay: `{ ReplayName, EventSourceArn (archive ARN), EventStartTime, EventEndTime,
   * Destination: { Arn (the archive's bus), FilterArns? } }` → `{ ReplayArn, State: 'STARTING',
   * ReplayStartTime }`. The replay runs after this returns (see {@link EventBridge.replaysSettled}).
   *
   * @throws {@link EventBridgeError} `ResourceAlreadyExistsException` `Replay <name> already exists.`;
   *   `ResourceNotFoundException` for an unknown bus; `ValidationException` for an unknown archive
   *   (`Parameter EventSourceArn is not valid. Reason: Archive <name> does not exist.`), another bus
   *   than the archive's, or a start not before the end.
   */
  startReplay(input: StartReplayRequest): StartReplayResponse {
    return startReplay(this.state, input);
  }

  /**
   * DescribeReplay: `{ ReplayName }` → the replay with its `State` and times.
   *
   * @throws {@link EventBridgeError} `ResourceNotFoundException` `Replay <name> does not exist.`
   */
  describeReplay(input: ReplayRef): DescribeReplayResponse {
    return describeReplay(this.state, input);
  }

  /**
   * ListReplays, sorted by name: `{ NamePrefix?, State?, EventSourceArn?, NextToken?, Limit? }` → `{ Replays }`.
   */
  listReplays(input: ListReplaysRequest = {}): ListReplaysResponse {
    return listReplays(this.state, input);
  }

  /**
   * CancelReplay: `{ ReplayName }` → `{ ReplayArn, State: 'CANCELLING' }`; the replay ends CANCELLED.
   *
   * @throws {@link EventBridgeError} `IllegalStatusException` for a replay already finished;
   *   `ResourceNotFoundException` for an unknown one.
   */
  cancelReplay(input: ReplayRef): CancelReplayResponse {
    return cancelReplay(this.state, input);
  }

  /**
   * Waits until every replay started so far has finished.
   *
   * @returns A promise resolved once they are COMPLETED or CANCELLED.
   */
  replaysSettled(): Promise<void> {
    return replaysSettled(this.state);
  }
}
