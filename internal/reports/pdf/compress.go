package pdf

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"

	"github.com/klauspost/compress/zlib"
)

// compressionLevel trades size for speed; BestSpeed already shrinks page content by
// about five times. klauspost/compress (already in the module graph through fasthttp)
// deflates about twice as fast as the standard library at the same level.
const compressionLevel = zlib.BestSpeed

// compressor is a reusable zlib writer with its output buffer, and a buffer to assemble
// the rewritten document in; all three keep their capacity from one document to the next.
type compressor struct {
	zw  *zlib.Writer
	buf bytes.Buffer
	doc bytes.Buffer
}

func newCompressor() *compressor {
	zw, err := zlib.NewWriterLevel(nil, compressionLevel)
	if err != nil {
		panic(err) // only for an invalid level, a constant
	}
	return &compressor{zw: zw}
}

// deflate returns data compressed; the result is valid until the next call.
func (c *compressor) deflate(data []byte) ([]byte, error) {
	c.buf.Reset()
	c.zw.Reset(&c.buf)
	if _, err := c.zw.Write(data); err != nil {
		return nil, err
	}
	if err := c.zw.Close(); err != nil {
		return nil, err
	}
	return c.buf.Bytes(), nil
}

// layoutError reports output that does not have the layout fpdf writes.
func layoutError(format string, args ...any) error {
	return fmt.Errorf("unexpected PDF layout: "+format, args...)
}

// xrefEntry is one in-use object of the cross-reference table.
type xrefEntry struct {
	num    int
	offset int
}

// compressStreams deflates every stream of an fpdf document that has no /Filter yet, and
// rewrites the cross-reference table for the new offsets. It relies only on the layout
// fpdf writes (a classic xref table; "stream\n…\nendstream" with an exact /Length) and
// copies anything else unchanged.
func (e *Engine) compressStreams(in []byte) ([]byte, error) {
	xrefAt, n, entries, trailer, err := parseXref(in)
	if err != nil {
		return nil, err
	}
	c := e.compressor()
	defer e.release(c)
	out := &c.doc
	out.Reset()
	objs := make([]xrefEntry, 0, len(entries))
	for num, off := range entries {
		if off > 0 {
			objs = append(objs, xrefEntry{num, off})
		}
	}
	slices.SortFunc(objs, func(a, b xrefEntry) int { return a.offset - b.offset })
	if len(objs) == 0 {
		return in, nil
	}
	out.Write(in[:objs[0].offset])
	newOffsets := make([]int, n)
	for i, o := range objs {
		end := xrefAt
		if i+1 < len(objs) {
			end = objs[i+1].offset
		}
		newOffsets[o.num] = out.Len()
		if err := writeObject(out, in[o.offset:end], c); err != nil {
			return nil, fmt.Errorf("object %d: %w", o.num, err)
		}
	}
	newXref := out.Len()
	out.WriteString("xref\n0 ")
	out.WriteString(strconv.Itoa(n))
	out.WriteString("\n0000000000 65535 f \n")
	var line [20]byte
	for num := 1; num < n; num++ {
		if newOffsets[num] == 0 {
			out.WriteString("0000000000 65535 f \n")
			continue
		}
		b := strconv.AppendInt(line[:0], int64(newOffsets[num]), 10)
		for range 10 - len(b) {
			out.WriteByte('0')
		}
		out.Write(b)
		out.WriteString(" 00000 n \n")
	}
	out.Write(trailer)
	out.WriteString("startxref\n")
	out.WriteString(strconv.Itoa(newXref))
	out.WriteString("\n%%EOF\n")
	return bytes.Clone(out.Bytes()), nil // one allocation of the exact size
}

// parseXref reads fpdf's cross-reference table: its offset, the number of entries, each
// in-use object's offset by number (0 for free entries) and the trailer up to startxref.
func parseXref(in []byte) (xrefAt, n int, offsets []int, trailer []byte, err error) {
	sx := bytes.LastIndex(in, []byte("startxref\n"))
	if sx < 0 {
		return 0, 0, nil, nil, layoutError("no startxref")
	}
	rest := in[sx+len("startxref\n"):]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return 0, 0, nil, nil, layoutError("startxref")
	}
	if xrefAt, err = strconv.Atoi(string(rest[:nl])); err != nil || xrefAt <= 0 || xrefAt >= sx {
		return 0, 0, nil, nil, layoutError("startxref %q", rest[:nl])
	}
	x := in[xrefAt:sx]
	if !bytes.HasPrefix(x, []byte("xref\n0 ")) {
		return 0, 0, nil, nil, layoutError("no xref table")
	}
	x = x[len("xref\n0 "):]
	nl = bytes.IndexByte(x, '\n')
	if nl < 0 {
		return 0, 0, nil, nil, layoutError("xref header")
	}
	if n, err = strconv.Atoi(string(x[:nl])); err != nil || n < 1 {
		return 0, 0, nil, nil, layoutError("xref size")
	}
	x = x[nl+1:]
	if len(x) < 20*n || !bytes.HasPrefix(x[20*n:], []byte("trailer\n")) {
		return 0, 0, nil, nil, layoutError("xref entries")
	}
	offsets = make([]int, n)
	for num := 1; num < n; num++ {
		entry := x[20*num : 20*num+20]
		if entry[17] != 'n' {
			continue
		}
		off, err := strconv.Atoi(string(entry[:10]))
		if err != nil || off <= 0 || off >= xrefAt {
			return 0, 0, nil, nil, layoutError("xref entry %d", num)
		}
		offsets[num] = off
	}
	return xrefAt, n, offsets, x[20*n:], nil
}

// writeObject copies one object, deflating its stream when it has one without a filter.
func writeObject(out *bytes.Buffer, obj []byte, c *compressor) error {
	const streamStart = ">>\nstream\n"
	k := bytes.Index(obj, []byte(streamStart))
	if k < 0 {
		out.Write(obj)
		return nil
	}
	dict := obj[:k+2]
	lengthAt := bytes.Index(dict, []byte("/Length "))
	if bytes.Contains(dict, []byte("/Filter")) || lengthAt < 0 {
		out.Write(obj)
		return nil
	}
	digits := dict[lengthAt+len("/Length "):]
	nd := 0
	for nd < len(digits) && digits[nd] >= '0' && digits[nd] <= '9' {
		nd++
	}
	length, err := strconv.Atoi(string(digits[:nd]))
	if err != nil {
		return layoutError("stream length")
	}
	dataAt := k + len(streamStart)
	if dataAt+length > len(obj) || !bytes.HasPrefix(obj[dataAt+length:], []byte("\nendstream")) {
		return layoutError("stream of %d bytes", length)
	}
	z, err := c.deflate(obj[dataAt : dataAt+length])
	if err != nil {
		return err
	}
	out.Write(dict[:lengthAt])
	out.WriteString("/Filter /FlateDecode /Length ")
	out.WriteString(strconv.Itoa(len(z)))
	out.Write(dict[lengthAt+len("/Length ")+nd:])
	out.WriteString("\nstream\n")
	out.Write(z)
	out.Write(obj[dataAt+length:])
	return nil
}
