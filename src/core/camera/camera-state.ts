// The camera state in the session format's shape (navigationMode + both representations).
export type NavigationMode = 'orbit' | 'planar' | 'free';
export type Vec3Tuple = [number, number, number];

export interface OrbitState {
  radius: number;
  targetRadius: number;
  theta: number;
  phi: number;
  target: Vec3Tuple;
}

export interface FreeflyState {
  position: Vec3Tuple;
  yaw: number;
  pitch: number;
}

export interface CameraState {
  navigationMode: NavigationMode;
  orbit: OrbitState;
  freefly: FreeflyState;
}
