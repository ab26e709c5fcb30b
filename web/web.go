// Package web embeds the HTML templates and static assets, so the binary is all that a
// deployment needs.
package web

import "embed"

// Files holds templates/ (layouts, partials and one folder per area) and static/.
//
//go:embed templates static
var Files embed.FS
