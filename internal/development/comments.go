package development

import (
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/identity"
)

// Comment is a coach's comment on a goal or an action-log entry, visible to the learner.
type Comment struct {
	ID string `json:"id"`
	// AuthorID is nil when the author's account was deleted; AuthorName is "" then.
	AuthorID   *string   `json:"author_id"`
	AuthorName string    `json:"author_name"`
	Body       string    `json:"body"`
	CreatedAt  time.Time `json:"created_at"`
}

// CommentInput is what a coach writes.
type CommentInput struct {
	Body string `form:"body" json:"body" validate:"required,max=2000"`
}

// commentRow is a row of development_goal_comments or action_comments: ParentID is the
// goal_id or entry_id column.
type commentRow struct {
	ID        string
	ParentID  string
	AuthorID  *string
	Body      string
	CreatedAt time.Time
}

// commentTable describes one of the comment tables.
type commentTable struct {
	table, parent string
}

func goalComments() commentTable   { return commentTable{"development_goal_comments", "goal_id"} }
func actionComments() commentTable { return commentTable{"action_comments", "entry_id"} }

// addComment validates and stores a comment by authorID on parentID.
func (s *Store) addComment(tx *gorm.DB, t commentTable, authorID, parentID string, in CommentInput) (Comment, error) {
	in.Body = strings.TrimSpace(in.Body)
	if err := s.validate.Struct(in); err != nil {
		return Comment{}, err
	}
	c := Comment{ID: identity.NewID(), AuthorID: &authorID, Body: in.Body, CreatedAt: s.now()}
	err := tx.Table(t.table).Create(map[string]any{"id": c.ID, t.parent: parentID, "author_id": authorID,
		"body": c.Body, "created_at": c.CreatedAt}).Error
	if err != nil {
		return Comment{}, err
	}
	err = tx.Table("users").Select("name").Where("id = ?", authorID).Scan(&c.AuthorName).Error
	return c, err
}

// commentsOf loads the comments on the given parents, oldest first, with their authors'
// names, in one query.
func commentsOf(tx *gorm.DB, t commentTable, parentIDs []string) (map[string][]Comment, error) {
	out := map[string][]Comment{}
	if len(parentIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		Row        commentRow `gorm:"embedded"`
		AuthorName *string
	}
	err := tx.Table(t.table+" c").
		Select("c.id, c."+t.parent+" AS parent_id, c.author_id, c.body, c.created_at, u.name AS author_name").
		Joins("LEFT JOIN users u ON u.id = c.author_id").
		Where("c."+t.parent+" IN ?", parentIDs).Order("c.created_at, c.id").Scan(&rows).Error
	for _, r := range rows {
		c := Comment{ID: r.Row.ID, AuthorID: r.Row.AuthorID, Body: r.Row.Body, CreatedAt: r.Row.CreatedAt.UTC()}
		if r.AuthorName != nil {
			c.AuthorName = *r.AuthorName
		}
		out[r.Row.ParentID] = append(out[r.Row.ParentID], c)
	}
	return out, err
}
