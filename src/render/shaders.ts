// Point sprites as in the Cellucid app: size attenuation, a lit sphere impostor shaded in the
// fragment shader (so the context needs no MSAA), fog as a depth cue, hidden cells not drawn.
export const POINT_VS = `#version 300 es
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec4 a_color;
uniform mat4 u_view;
uniform mat4 u_projection;
uniform float u_pointSize;
uniform float u_projectionFactor;
uniform float u_sizeAttenuation;
uniform float u_sizeScale;
out vec4 v_color;
out float v_eyeDistance;
void main() {
  vec4 eye = u_view * vec4(a_position, 1.0);
  gl_Position = u_projection * eye;
  float eyeDepth = -eye.z;
  float perspectiveSize = (u_pointSize * 0.01 * u_projectionFactor) / max(eyeDepth, 0.001);
  float size = mix(u_pointSize, perspectiveSize, u_sizeAttenuation) * u_sizeScale;
  gl_PointSize = clamp(size, 0.5, 128.0 * u_sizeScale);
  v_color = a_color;
  v_eyeDistance = length(eye.xyz);
  if (a_color.a < 0.01) {
    gl_PointSize = 0.0;
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
  }
}`;

export const POINT_FS = `#version 300 es
precision highp float;
in vec4 v_color;
in float v_eyeDistance;
uniform float u_lighting;
uniform vec3 u_fogColor;
uniform float u_fogNear;
uniform float u_fogFar;
uniform float u_fogDensity;
out vec4 outColor;
void main() {
  vec2 c = gl_PointCoord * 2.0 - 1.0;
  float r2 = dot(c, c);
  if (r2 > 1.0) discard;
  vec3 N = vec3(c.x, -c.y, sqrt(1.0 - r2));
  vec3 L = normalize(vec3(0.5, 0.7, 0.5));
  vec3 H = normalize(L + vec3(0.0, 0.0, 1.0));
  vec3 rgb = v_color.rgb;
  vec3 lit = rgb * (0.4 + 0.6 * max(dot(N, L), 0.0)) + pow(max(dot(N, H), 0.0), 32.0) * 0.3;
  vec3 shaded = mix(rgb, lit, u_lighting);
  float nd = max(v_eyeDistance - u_fogNear, 0.0) / max(u_fogFar - u_fogNear, 1e-4);
  float T = exp(-(u_fogDensity * u_fogDensity) * 0.6 * nd);
  outColor = vec4(mix(u_fogColor, shaded, T), (0.1 + 0.9 * T) * v_color.a);
}`;

/** Highlight rings: a lit cyan ring around highlighted, visible cells, drawn after the points. */
export const RING_FS = `#version 300 es
precision highp float;
in vec4 v_color;
in float v_eyeDistance;
uniform vec3 u_ringColor;
uniform float u_ringWidth;
out vec4 outColor;
void main() {
  vec2 c = gl_PointCoord * 2.0 - 1.0;
  float r = length(c);
  float inner = 1.0 - u_ringWidth;
  if (r > 1.0 || r < inner) discard;
  float x = (r - inner) / u_ringWidth * 2.0 - 1.0;
  float shade = 0.55 + 0.45 * sqrt(max(1.0 - x * x, 0.0));
  outColor = vec4(u_ringColor * shade, 1.0);
}`;
