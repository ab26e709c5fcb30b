package reportjobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/academy-platform/academy/internal/errs"
)

// chunk is one piece of a job's ZIP.
type chunk struct {
	JobID string
	Seq   int
	Data  []byte
}

// TableName is the table the rows live in.
func (chunk) TableName() string { return "report_job_chunks" }

// chunkWriter stores what is written to it as the job's chunks, in order, each
// ChunkSize bytes but the last.
type chunkWriter struct {
	ctx   context.Context
	s     *Store
	jobID string
	buf   []byte
	seq   int
	size  int64
}

func (s *Store) newChunkWriter(ctx context.Context, jobID string) *chunkWriter {
	return &chunkWriter{ctx: ctx, s: s, jobID: jobID, buf: make([]byte, 0, s.cfg.ChunkSize)}
}

func (w *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		take := min(len(p), w.s.cfg.ChunkSize-len(w.buf))
		w.buf = append(w.buf, p[:take]...)
		p = p[take:]
		if len(w.buf) == w.s.cfg.ChunkSize {
			if err := w.flush(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

// flush stores the buffered bytes as the next chunk.
func (w *chunkWriter) flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	c := chunk{JobID: w.jobID, Seq: w.seq, Data: w.buf}
	if err := w.s.conn(w.ctx).Create(&c).Error; err != nil {
		return fmt.Errorf("report job %s: store chunk %d: %w", w.jobID, w.seq, err)
	}
	w.seq++
	w.size += int64(len(w.buf))
	w.buf = w.buf[:0]
	return nil
}

// Close stores what is left.
func (w *chunkWriter) Close() error { return w.flush() }

// Download opens a finished job's ZIP. errs.ErrGone once it has expired, errs.ErrConflict
// while it is being made or when it failed. The reader reads one chunk at a time.
func (s *Store) Download(ctx context.Context, id string) (Job, io.Reader, error) {
	j, err := s.Job(ctx, id)
	if err != nil {
		return Job{}, nil, err
	}
	if j.Status == Expired {
		return j, nil, fmt.Errorf("report job %s expired: %w", id, errs.ErrGone)
	}
	if j.Status != Done {
		return j, nil, fmt.Errorf("report job %s is %s: %w", id, j.Status, errs.ErrConflict)
	}
	return j, &chunkReader{s: s, jobID: id}, nil
}

// chunkReader reads a job's chunks in order. It outlives the request that opened it (the
// server streams the body after the handler returns), so each read has its own deadline.
type chunkReader struct {
	s     *Store
	jobID string
	seq   int
	cur   []byte
	done  bool
}

// chunkReadTimeout bounds reading one chunk.
const chunkReadTimeout = 30 * time.Second

func (r *chunkReader) Read(p []byte) (int, error) {
	for len(r.cur) == 0 {
		if r.done {
			return 0, io.EOF
		}
		if err := r.next(); err != nil {
			return 0, err
		}
	}
	n := copy(p, r.cur)
	r.cur = r.cur[n:]
	return n, nil
}

// next loads the next chunk; after the last one, done is set.
func (r *chunkReader) next() error {
	ctx, cancel := context.WithTimeout(context.Background(), chunkReadTimeout)
	defer cancel()
	var rows []chunk
	err := r.s.conn(ctx).Where("job_id = ? AND seq = ?", r.jobID, r.seq).Limit(1).Find(&rows).Error
	if err != nil {
		return fmt.Errorf("report job %s: read chunk %d: %w", r.jobID, r.seq, err)
	}
	if len(rows) == 0 {
		r.done = true
		return nil
	}
	r.cur = rows[0].Data
	r.seq++
	if len(r.cur) == 0 {
		return errors.New("report job: empty chunk")
	}
	return nil
}
