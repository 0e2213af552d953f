// Contributors in canonical registration order: the writer emits chunks in this order.
import type { Contributor } from '../contributor.js';
import { analysisArtifactsContributor } from './analysis-artifacts.js';
import { analysisWindowsContributor } from './analysis-windows.js';
import { cinematicCameraContributor } from './cinematic-camera.js';
import { coreStateContributor } from './core-state.js';
import { dockableLayoutContributor } from './dockable-layout.js';
import { fieldOverlaysContributor } from './field-overlays.js';
import { highlightsCellsContributor } from './highlights-cells.js';
import { highlightsMetaContributor } from './highlights-meta.js';
import { userDefinedCodesContributor } from './user-defined-codes.js';

export const CONTRIBUTORS: readonly Contributor[] = [
  fieldOverlaysContributor,
  userDefinedCodesContributor,
  cinematicCameraContributor,
  coreStateContributor,
  dockableLayoutContributor,
  analysisWindowsContributor,
  highlightsMetaContributor,
  highlightsCellsContributor,
  analysisArtifactsContributor,
];

/** The contributor that reads this chunk, or null (unknown chunks are reported and skipped). */
export function contributorFor(contributorId: string, chunkId: string): Contributor | null {
  return CONTRIBUTORS.find((c) => c.id === contributorId && c.owns(chunkId)) ?? null;
}
