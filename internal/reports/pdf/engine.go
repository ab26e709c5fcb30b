package pdf

import (
	"runtime"
)

// Engine holds what every document shares: the prepared fonts and a free list of stream
// compressors. Build it once with NewEngine; it is safe for concurrent use.
type Engine struct {
	faces [3]face
	// compressors keeps idle zlib writers (about 1.1 MB each). A channel rather than a
	// sync.Pool: a pool is emptied by every garbage collection, and rendering allocates
	// enough to collect often, so each document would build a new writer.
	compressors chan *compressor
}

// NewEngine prepares the fonts (some tens of milliseconds, once).
func NewEngine() (*Engine, error) {
	faces, err := loadFaces()
	if err != nil {
		return nil, err
	}
	return &Engine{faces: faces, compressors: make(chan *compressor, runtime.GOMAXPROCS(0))}, nil
}

// compressor takes an idle compressor or makes one.
func (e *Engine) compressor() *compressor {
	select {
	case c := <-e.compressors:
		return c
	default:
		return newCompressor()
	}
}

// release returns a compressor to the free list, or drops it when the list is full.
func (e *Engine) release(c *compressor) {
	select {
	case e.compressors <- c:
	default:
	}
}
