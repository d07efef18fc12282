/** A/B of two versions of the code under test: sides, their packages, what differs, bisect. */
export {
  resolveSides,
  withSides,
  revisionSide,
  workingTreeSide,
  dirSide,
  type Side,
  type SideRole,
  type Sides,
  type SidesRequest,
} from './sides.js';
export { cleanupWorktrees, cleanupWorktreesSync, liveWorktrees } from './worktree.js';
export { sideDependencies, npmCi, lockfileHash, depsCacheDir, type InstallDeps, type SideDeps } from './deps.js';
export { diffSummary, type FileChange, type FileChangeStatus } from './diff.js';
export { MissingOnSide } from './code-root-plugin.js';
export {
  bisect,
  listCommits,
  stepVerdict,
  type BisectOptions,
  type BisectResult,
  type BisectStep,
  type Commit,
  type StepFn,
  type StepVerdict,
} from './bisect.js';
