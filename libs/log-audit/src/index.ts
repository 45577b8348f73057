export {
  REPLAY_PROGRESS_ENTRIES,
  replayLog,
  type ReplayLogOptions,
  type ReplayProblemKind,
  type ReplayProgress,
  type ReplayVerification,
} from './replay-log.js';
