// Point sprites as in the Cellucid app: size attenuation, a lit sphere impostor shaded in the
// fragment shader (so the context needs no MSAA), fog as a depth cue, hidden cells not drawn.
// The app's fixed defaults are constants here (lighting 0.6, fog density 0.5), uniforms of a type
// share one declaration and constant vectors are written out: the shaders travel inside the
// single-file bundle. The outline pass (u_outline: device pixels per CSS pixel; 0 draws cells)
// grows the sprite by a quarter of its size, 2 to 6 CSS pixels.
export const POINT_VS = `#version 300 es
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec4 a_color;
uniform mat4 u_view, u_projection;
uniform float u_pointSize, u_projectionFactor, u_attenuation, u_outline;
out vec4 v_color;
out float v_eyeDistance;
void main() {
  vec4 eye = u_view * vec4(a_position, 1.0);
  gl_Position = u_projection * eye;
  float perspectiveSize = (u_pointSize * 0.01 * u_projectionFactor) / max(-eye.z, 0.001);
  float size = clamp(mix(u_pointSize, perspectiveSize, u_attenuation), 0.5, 128.0);
  gl_PointSize = size + clamp(0.25 * size, 2.0 * u_outline, 6.0 * u_outline);
  v_color = a_color;
  v_eyeDistance = length(eye.xyz);
  if (a_color.a < 0.01) {
    gl_PointSize = 0.0;
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
  }
}`;

// L = normalize(0.5, 0.7, 0.5); H = normalize(L + (0, 0, 1)). Fog density 0.5: T = exp(-(0.5 * 0.5) * 0.6 * nd).
// The outline pass draws a flat disc of the outline colour under each highlighted cell, which is
// drawn again over it: only the rim shows, and the cell keeps its colour.
export const POINT_FS = `#version 300 es
precision highp float;
in vec4 v_color;
in float v_eyeDistance;
uniform float u_fogNear, u_fogFar, u_outline;
uniform vec3 u_fogColor, u_ringColor;
out vec4 outColor;
void main() {
  vec2 c = gl_PointCoord * 2.0 - 1.0;
  float r2 = dot(c, c);
  if (r2 > 1.0) discard;
  vec3 N = vec3(c.x, -c.y, sqrt(1.0 - r2));
  vec3 rgb = v_color.rgb;
  vec3 lit = rgb * (0.4 + 0.6 * max(dot(N, vec3(0.5025, 0.7035, 0.5025)), 0.0))
    + pow(max(dot(N, vec3(0.2899, 0.4058, 0.8668)), 0.0), 32.0) * 0.3;
  vec3 shaded = mix(rgb, lit, 0.6);
  float nd = max(v_eyeDistance - u_fogNear, 0.0) / max(u_fogFar - u_fogNear, 1e-4);
  float T = exp(-0.15 * nd);
  outColor = u_outline > 0.0 ? vec4(u_ringColor, 1.0) : vec4(mix(u_fogColor, shaded, T), (0.1 + 0.9 * T) * v_color.a);
}`;
