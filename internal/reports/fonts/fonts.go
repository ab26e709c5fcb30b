// Package fonts embeds the typeface of Academy's PDF reports: Liberation Sans (regular,
// bold and italic), version 2, unmodified, under the SIL Open Font License 1.1 (see
// LICENSE in this folder). The files are the upstream ones; package pdf derives what a
// document needs from them in memory, once per process, so no modified font file is
// distributed (the OFL reserves the name "Liberation" for the original), and subsets
// only ever exist inside generated documents, which the OFL leaves free.
package fonts

import (
	_ "embed"
)

// Family is the name of the family as PDF documents call it.
const Family = "LiberationSans"

// The three faces, as TrueType files.
var (
	//go:embed LiberationSans-Regular.ttf
	Regular []byte
	//go:embed LiberationSans-Bold.ttf
	Bold []byte
	//go:embed LiberationSans-Italic.ttf
	Italic []byte
)

// License is the licence text the fonts are distributed under.
//
//go:embed LICENSE
var License string
