package reports

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/academy-platform/academy/internal/errs"
)

// CertificateData reads what the certificate of learnerID for the module moduleSlug shows,
// in a fixed number of queries. errs.ErrNotFound for an unknown user or module;
// errs.ErrConflict while the module is not completed.
func (s Sources) CertificateData(ctx context.Context, learnerID, moduleSlug string) (CertificateData, error) {
	user, err := s.People.User(ctx, learnerID)
	if err != nil {
		return CertificateData{}, err
	}
	data := CertificateData{Learner: user.Name}
	if user.OrganisationID != nil {
		org, err := s.People.Organisation(ctx, *user.OrganisationID)
		if err != nil {
			return CertificateData{}, err
		}
		data.Organisation, data.Zone = org.Name, org.Location()
	}
	entries, err := s.Courses.Catalogue(ctx, user.ID)
	if err != nil {
		return CertificateData{}, err
	}
	for _, e := range entries {
		if e.Module.Slug != moduleSlug {
			continue
		}
		if e.Progress.CompletedAt == nil {
			return CertificateData{}, fmt.Errorf("module %s is not completed by %s: %w", moduleSlug, learnerID, errs.ErrConflict)
		}
		data.Module = Text(e.Module.Title)
		data.CompletedAt = e.Progress.CompletedAt.UTC()
		data.Lessons, data.Minutes = e.Module.Lessons, e.Module.Minutes
		data.QuizScore = e.Progress.Quiz.Score
		data.Reference = certificateReference(user.ID, moduleSlug, data.CompletedAt)
		return data, nil
	}
	return CertificateData{}, fmt.Errorf("module %s: %w", moduleSlug, errs.ErrNotFound)
}

// certificateReference is a short, stable identifier of a completion, "XXXX-XXXX".
func certificateReference(userID, moduleSlug string, completedAt time.Time) string {
	sum := sha256.Sum256([]byte(userID + "\x00" + moduleSlug + "\x00" + completedAt.UTC().Format(time.RFC3339Nano)))
	h := strings.ToUpper(hex.EncodeToString(sum[:4]))
	return h[:4] + "-" + h[4:]
}
