// Package charts computes the geometry of Academy's charts (a radar of the eight
// dimensions, for now) and draws them as accessible inline SVG. The geometry is plain
// numbers, so the PDF reports can draw the same chart with their own primitives. No
// database, no HTTP.
package charts
