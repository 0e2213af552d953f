// cinematic/camera: camera-path keyframes and the interaction settings saved with them.
import type { Contributor } from '../contributor.js';
import { jsonChunk } from '../contributor.js';
import type { Json } from '../document.js';
import { arr, obj } from '../shape.js';

const ID = 'cinematic/camera';

/** The newest 19-key payload with no keyframes, for sessions that saved none. */
function emptyCinematicCamera(navigationMode: string): Record<string, Json> {
  return {
    keyframes: [],
    nextIndex: 1,
    loopBackKeyframeId: null,
    autoplay: false,
    loopPlayback: false,
    positionMethod: 'catmull-rom',
    rotationMethod: 'slerp',
    easing: 'ease-in-out',
    defaultSpeed: '30',
    invertLook: false,
    lookSensitivity: '10',
    moveSpeed: '100',
    orbitKeySpeed: '50',
    orbitReverse: false,
    planarInvertAxes: false,
    planarPanSpeed: '50',
    planarZoomToCursor: true,
    showOrbitAnchor: true,
    navigationMode,
  };
}

export const cinematicCameraContributor: Contributor = {
  id: 'cinematic-camera',
  owns: (chunkId) => chunkId === ID,
  capture(doc) {
    const mode = doc.coreState?.camera?.navigationMode ?? 'orbit';
    const payload = { ...emptyCinematicCamera(mode), ...(doc.cinematicCamera ?? {}), navigationMode: mode };
    return [jsonChunk(ID, 'cinematic-camera', 'Cinematic camera path', payload)];
  },
  restore(doc, _meta, payload) {
    const p = obj(payload, 'payload');
    arr(p.keyframes ?? [], 'keyframes', 100);
    doc.cinematicCamera = p as Record<string, Json>;
  },
};
