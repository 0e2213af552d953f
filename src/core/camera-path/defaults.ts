// The Cellucid app's defaults for a camera path and the camera controls saved beside it, written
// once, as its `cinematic/camera` payload holds them (keys in its order, range inputs as strings):
// the payload of a session that saved no path. The path model and the payload reader take their
// defaults from here; the session's chunk uses it as it is.
import type { NavigationMode } from '../camera/camera-state.js';

export function emptyCameraPathPayload(navigationMode: NavigationMode) {
  return {
    keyframes: [] as never[],
    nextIndex: 1,
    loopBackKeyframeId: null,
    autoplay: false,
    loopPlayback: false,
    positionMethod: 'catmull-rom' as const,
    rotationMethod: 'slerp' as const,
    easing: 'ease-in-out' as const,
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
