/** Apply's ownership record: its format lives in the engine, shared with `leadscore score` (src/engine/applyRecord.ts). */
export { OWNERSHIP_NAMESPACE, modelFingerprint, ownershipToXml, ownershipFromXml, appliedColumnsOf, type AppliedModel, type Ownership, type ScoreNote } from '../engine';
