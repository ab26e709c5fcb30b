package development

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/academy-platform/academy/internal/db/keyset"
	"github.com/academy-platform/academy/internal/identity"
)

// Note is a coach's note about a learner. Private notes (Shared false) are for the
// learner's coaches and organisation administrators only.
type Note struct {
	ID         string    `json:"id"`
	LearnerID  string    `json:"learner_id"`
	AuthorID   *string   `json:"author_id"`
	AuthorName string    `json:"author_name"`
	Body       string    `json:"body"`
	Shared     bool      `json:"shared"`
	CreatedAt  time.Time `json:"created_at"`
}

type noteRow struct {
	ID        string
	LearnerID string
	AuthorID  *string
	Body      string
	Shared    bool
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
}

func (noteRow) TableName() string { return "coach_notes" }

// NoteInput is what a coach writes; Shared makes the note visible to the learner.
type NoteInput struct {
	Body   string `form:"body" json:"body" validate:"required,max=4000"`
	Shared bool   `form:"shared" json:"shared"`
}

// AddNote stores a coach's note about a learner. The caller checks that the author may
// coach the learner (identity.Authorize with identity.Coach on the learner); the store
// only refuses authors who are learners or the learner themself (errs.ErrForbidden).
func (s *Store) AddNote(ctx context.Context, authorID, learnerID string, in NoteInput) (Note, error) {
	if authorID == learnerID {
		return Note{}, forbidden("notes are written by coaches")
	}
	if _, err := s.requireCoachRole(ctx, authorID); err != nil {
		return Note{}, err
	}
	in.Body = strings.TrimSpace(in.Body)
	if err := s.validate.Struct(in); err != nil {
		return Note{}, err
	}
	if _, err := s.learner(ctx, learnerID); err != nil {
		return Note{}, err
	}
	row := noteRow{ID: identity.NewID(), LearnerID: learnerID, AuthorID: &authorID, Body: in.Body,
		Shared: in.Shared, CreatedAt: s.now()}
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return Note{}, fmt.Errorf("add note: %w", err)
	}
	notes, err := s.notes(ctx, "n.id = ?", row.ID)
	if err != nil || len(notes) == 0 {
		return Note{}, fmt.Errorf("add note: %w", err)
	}
	return notes[0], nil
}

// CoachNotes lists every note about the learner, private and shared, newest first: for
// the learner's coaches and organisation administrators only (the caller checks
// identity.Coach on the learner).
func (s *Store) CoachNotes(ctx context.Context, learnerID string) ([]Note, error) {
	return s.notes(ctx, "n.learner_id = ?", learnerID)
}

// noteOrder is the order of the notes: newest first.
var noteOrder = keyset.Order{{Expr: "n.created_at", Kind: keyset.Time, Desc: true}, {Expr: "n.id", Desc: true}}

// PageKey is the note's place in the notes' order, for keyset.Page.After.
func (n Note) PageKey() []string { return keyset.Key(n.CreatedAt, n.ID) }

// CoachNoteList is CoachNotes narrowed by f: the notes written in [f.From, f.To), one
// page of them. A malformed f.Page.After is a validation error on "cursor".
func (s *Store) CoachNoteList(ctx context.Context, learnerID string, f ListFilter) ([]Note, error) {
	return s.notePage(ctx, f, "n.learner_id = ?", learnerID)
}

// SharedNotes lists the notes about the learner that the coach shared with them, newest
// first: what the learner may see.
func (s *Store) SharedNotes(ctx context.Context, learnerID string) ([]Note, error) {
	return s.notes(ctx, "n.learner_id = ? AND n.shared = ?", learnerID, true)
}

func (s *Store) notes(ctx context.Context, where string, args ...any) ([]Note, error) {
	return s.notePage(ctx, ListFilter{}, where, args...)
}

func (s *Store) notePage(ctx context.Context, f ListFilter, where string, args ...any) ([]Note, error) {
	var rows []struct {
		Row        noteRow `gorm:"embedded"`
		AuthorName *string
	}
	q := s.conn(ctx).Table("coach_notes n").
		Select("n.id, n.learner_id, n.author_id, n.body, n.shared, n.created_at, u.name AS author_name").
		Joins("LEFT JOIN users u ON u.id = n.author_id").Where(where, args...)
	q, err := noteOrder.Apply(f.times(q, "n.created_at"), f.Page)
	if err != nil {
		return nil, err
	}
	if err := q.Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("notes: %w", err)
	}
	out := make([]Note, len(rows))
	for i, r := range rows {
		out[i] = Note{ID: r.Row.ID, LearnerID: r.Row.LearnerID, AuthorID: r.Row.AuthorID, Body: r.Row.Body, Shared: r.Row.Shared,
			CreatedAt: r.Row.CreatedAt.UTC()}
		if r.AuthorName != nil {
			out[i].AuthorName = *r.AuthorName
		}
	}
	return out, nil
}
