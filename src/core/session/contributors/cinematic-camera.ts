// cinematic/camera: camera-path keyframes and the interaction settings saved with them. The
// payload's shape and defaults belong to the camera-path core; this only frames it as a chunk.
import { MAX_KEYFRAMES } from '../../camera-path/model.js';
import { emptyCameraPathPayload } from '../../camera-path/defaults.js';
import type { Contributor } from '../contributor.js';
import { jsonChunk } from '../contributor.js';
import type { Json } from '../document.js';
import { arr, obj } from '../shape.js';

const ID = 'cinematic/camera';

export const cinematicCameraContributor: Contributor = {
  id: 'cinematic-camera',
  owns: (chunkId) => chunkId === ID,
  capture(doc) {
    const mode = doc.coreState?.camera?.navigationMode ?? 'orbit';
    // Sessions that saved no path get the newest 19-key payload with no keyframes.
    const payload = { ...emptyCameraPathPayload(mode), ...doc.cinematicCamera, navigationMode: mode };
    return [jsonChunk(ID, 'cinematic-camera', 'Cinematic camera path', payload)];
  },
  restore(doc, _meta, payload) {
    const p = obj(payload, 'payload');
    arr(p.keyframes ?? [], 'keyframes', MAX_KEYFRAMES);
    doc.cinematicCamera = p as Record<string, Json>;
  },
};
