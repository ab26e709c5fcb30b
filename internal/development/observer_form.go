package development

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/development/threesixty"
	"github.com/academy-platform/academy/internal/errs"
)

// gone is a sentinel error that is an errs.ErrGone; being a string type, its values are
// constants.
type gone string

func (g gone) Error() string { return string(g) }
func (g gone) Unwrap() error { return errs.ErrGone }

// Why an observer link no longer works; each is an errs.ErrGone. A link replaced by a
// resend is simply unknown (errs.ErrNotFound).
const (
	ErrLinkUsed      = gone("this feedback has already been sent")
	ErrLinkExpired   = gone("this feedback link has expired")
	ErrLinkWithdrawn = gone("this feedback request was withdrawn")
)

// ObserverForm is everything the public answering page needs, in the observer's language:
// whom the feedback is about (first name only), the form, and the observer's own answers
// saved so far. It is returned only to the holder of a working link.
type ObserverForm struct {
	LearnerFirstName string                  `json:"learner_first_name"`
	Relationship     threesixty.Relationship `json:"relationship"`
	Language         string                  `json:"language"`
	Title            string                  `json:"title"`
	Intro            string                  `json:"intro"`
	ScaleMin         int                     `json:"scale_min"`
	ScaleMax         int                     `json:"scale_max"`
	ScaleLabels      []string                `json:"scale_labels"`
	Dimensions       []FormDimension         `json:"dimensions"`
	// Answers are this observer's saved answers by item id (their own draft).
	Answers   map[string]scoring.Answer `json:"answers"`
	Answered  int                       `json:"answered"`
	Total     int                       `json:"total"`
	ExpiresAt time.Time                 `json:"expires_at"`
}

// FormDimension is one dimension of the observer form with its items, in form order.
type FormDimension struct {
	Slug  string     `json:"slug"`
	Name  string     `json:"name"`
	Items []FormItem `json:"items"`
}

// FormItem is one question as the observer sees it: no keying, no weights.
type FormItem struct {
	ID      string              `json:"id"`
	Type    instrument.ItemType `json:"type"`
	Text    string              `json:"text"`
	Options []string            `json:"options,omitempty"` // SJT items
}

// ObserverByToken opens the answering page of an observer link. The link works until the
// feedback is submitted, the invitation withdrawn or the link expired (then ErrLinkUsed,
// ErrLinkWithdrawn or ErrLinkExpired, all errs.ErrGone); an unknown or replaced link is
// errs.ErrNotFound. Everything it returns belongs to the link's own invitation.
func (s *Store) ObserverByToken(ctx context.Context, token string) (ObserverForm, error) {
	row, err := s.tokenInvitation(s.conn(ctx), token)
	if err != nil {
		return ObserverForm{}, err
	}
	def, err := s.assess.Definition(ctx, row.InstrumentID)
	if err != nil {
		return ObserverForm{}, err
	}
	learner, err := s.learner(ctx, row.LearnerID)
	if err != nil {
		return ObserverForm{}, err
	}
	answers, err := s.observerAnswers(s.conn(ctx), row.ID)
	if err != nil {
		return ObserverForm{}, err
	}
	form := localForm(def, row.Language)
	form.LearnerFirstName = firstName(learner.Name)
	form.Relationship = threesixty.Relationship(row.Relationship)
	form.Answers, form.Answered, form.ExpiresAt = answers, len(answers), row.ExpiresAt.UTC()
	return form, nil
}

// localForm renders the definition in lang, falling back to the form's first language.
func localForm(def *instrument.Definition, lang string) ObserverForm {
	fallback := def.Languages[0]
	f := ObserverForm{Language: lang, Title: def.Title.In(lang, fallback), Intro: def.Intro.In(lang, fallback),
		ScaleMin: def.Scale.Min, ScaleMax: def.Scale.Max, ScaleLabels: def.Scale.Labels[lang], Total: len(def.Items)}
	if f.ScaleLabels == nil {
		f.ScaleLabels = def.Scale.Labels[fallback]
	}
	for _, dim := range def.Dimensions {
		fd := FormDimension{Slug: dim.Slug, Name: dim.Name.In(lang, fallback)}
		for _, it := range def.ItemsOf(dim.Slug) {
			fi := FormItem{ID: it.ID, Type: it.Type, Text: it.Text.In(lang, fallback)}
			for _, o := range it.Options {
				fi.Options = append(fi.Options, o.Text.In(lang, fallback))
			}
			fd.Items = append(fd.Items, fi)
		}
		f.Dimensions = append(f.Dimensions, fd)
	}
	return f
}

// firstName is the first word of a person's name.
func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return ""
}

// SaveObserverAnswer records the link holder's answer to one item, replacing an earlier
// one: value for a Likert item, option (0-based) for an SJT item; both nil clears it. Link
// errors as for ObserverByToken; answer errors as assessment.Store.SaveAnswer (an
// *errs.ValidationError from scoring.Check).
func (s *Store) SaveObserverAnswer(ctx context.Context, token, itemID string, value, option *int) error {
	row, err := s.tokenInvitation(s.conn(ctx), token)
	if err != nil {
		return err
	}
	def, err := s.assess.Definition(ctx, row.InstrumentID)
	if err != nil {
		return err
	}
	a := scoring.Answer{Value: value, Option: option}
	if value == nil && option == nil {
		if _, ok := def.Item(itemID); !ok {
			return errs.Invalid("item", scoring.CodeUnknownItem, itemID)
		}
	} else if _, err := scoring.Check(def, itemID, a); err != nil {
		return err
	}
	return s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		if err := s.claimOpen(tx, row, string(ObserverInvited), nil); err != nil {
			return err
		}
		if value == nil && option == nil {
			return tx.Where("invitation_id = ? AND item_id = ?", row.ID, itemID).Delete(&observerAnswerRow{}).Error
		}
		ans := observerAnswerRow{InvitationID: row.ID, ItemID: itemID, Value: value, OptionIndex: option, AnsweredAt: s.now()}
		return tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "invitation_id"}, {Name: "item_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"value", "option_index", "answered_at"}),
		}).Create(&ans).Error
	})
}

// SubmitObserver sends the link holder's feedback: it scores the answers with package
// scoring (exactly as a self-assessment is scored) and uses up the link, in one
// transaction, exactly once also under concurrent requests; every later use of the link is
// ErrLinkUsed. Submitting with no answer at all is a validation error on "answers"
// ("required"); dimensions with too few answers get no score, as in a self-assessment.
func (s *Store) SubmitObserver(ctx context.Context, token string) error {
	row, err := s.tokenInvitation(s.conn(ctx), token)
	if err != nil {
		return err
	}
	def, err := s.assess.Definition(ctx, row.InstrumentID)
	if err != nil {
		return err
	}
	return s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		now := s.now()
		if err := s.claimOpen(tx, row, string(ObserverAnswered), &now); err != nil {
			return err
		}
		answers, err := s.observerAnswers(tx, row.ID)
		if err != nil {
			return err
		}
		if len(answers) == 0 {
			return errs.Invalid("answers", "required", "")
		}
		scores, err := scoring.NewScorer(def).Score(answers)
		if err != nil {
			return fmt.Errorf("score observer feedback: %w", err)
		}
		rows := make([]observerScoreRow, len(scores))
		for i, d := range scores {
			rows[i] = observerScoreRow{InvitationID: row.ID, Dimension: d.Dimension, NItems: d.Items,
				NAnswered: d.Answered, Mean: d.Mean, Score: d.Score}
		}
		return tx.Create(&rows).Error
	})
}
