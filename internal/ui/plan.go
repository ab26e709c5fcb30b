package ui

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/web"
)

// goalStatuses lists the goal statuses in the order forms offer them.
func goalStatuses() []development.GoalStatus {
	return []development.GoalStatus{development.GoalPlanned, development.GoalInProgress, development.GoalDone, development.GoalDropped}
}

// goalForm is the data of one goal form: the new-goal form or a goal's edit form.
type goalForm struct {
	Key    string // the form's name for formFocus: "new" or "goal-<id>"
	Action string
	// The stored values (empty for a new goal); DueOn is written 2026-03-02.
	Title, Dimension, SuccessMeasure, DueOn, Status string
}

type goalView struct {
	development.Goal
	Overdue bool
	Form    goalForm
	// History is set for the goal whose history the reader asked for (?history=id).
	History     []goalChangeView
	ShowHistory bool
}

// goalChangeView is one history entry with its values written for the reader.
type goalChangeView struct {
	At       time.Time
	Actor    string
	Field    string // development.ChangeCreated or the changed field
	Old, New string
}

type planPage struct {
	learnerAccess
	formFocus
	Links    []devLink
	Dims     dimensionNames
	Statuses []development.GoalStatus
	Goals    []goalView
	NewGoal  goalForm
}

// Plan shows a learner's development plan: their goals with status, coaches' comments and,
// on request, each goal's history. The learner adds and edits goals here; coaches comment.
func (h *Handler) Plan(c *fiber.Ctx) error {
	a, err := h.learnerFor(c, c.Params("id"))
	if err != nil {
		return err
	}
	page, err := h.planPage(c, a, "")
	if err != nil {
		return err
	}
	return h.site.Page(c, "development/plan", h.site.NewView(c, "plan.title", page))
}

func (h *Handler) planPage(c *fiber.Ctx, a learnerAccess, failed string) (any, error) {
	dims, err := h.dimensions(c, a.Learner.OrgID())
	if err != nil {
		return nil, err
	}
	goals, err := h.dev.Goals(ctx(c), a.Learner.ID)
	if err != nil {
		return nil, err
	}
	base := "/people/" + a.Learner.ID
	page := &planPage{learnerAccess: a, formFocus: formFocus{Failed: failed}, Links: developmentLinks(a.Learner.ID, base+"/plan"),
		Dims: dims, Statuses: goalStatuses(),
		NewGoal: goalForm{Key: "new", Action: base + "/goals", Status: string(development.GoalPlanned)}}
	now := time.Now()
	for _, g := range goals {
		v := goalView{Goal: g, Overdue: g.Overdue(now), Form: goalForm{Key: "goal-" + g.ID, Action: "/goals/" + g.ID,
			Title: g.Title, Dimension: g.Dimension, SuccessMeasure: g.SuccessMeasure,
			DueOn: g.DueOn.Format(development.DateLayout), Status: string(g.Status)}}
		if c.Query("history") == g.ID {
			if v.History, err = h.goalHistory(c, g.ID, dims); err != nil {
				return nil, err
			}
			v.ShowHistory = true
		}
		page.Goals = append(page.Goals, v)
	}
	return page, nil
}

// goalHistory reads a goal's history and writes its values for the reader: statuses and
// dimensions by name, days as dates.
func (h *Handler) goalHistory(c *fiber.Ctx, goalID string, dims dimensionNames) ([]goalChangeView, error) {
	changes, err := h.dev.GoalHistory(ctx(c), goalID)
	if err != nil {
		return nil, err
	}
	lo := web.CurrentLocale(c)
	readable := func(field, value string) string {
		switch field {
		case "status", development.ChangeCreated:
			return lo.T("plan.status." + value)
		case "dimension":
			return dims.Name(value)
		case "due_on":
			if day, err := development.ParseDate(field, value); err == nil {
				return lo.Date(day)
			}
		}
		return value
	}
	out := make([]goalChangeView, len(changes))
	for i, ch := range changes {
		out[i] = goalChangeView{At: ch.At, Actor: ch.ActorName, Field: ch.Field,
			Old: readable(ch.Field, ch.OldValue), New: readable(ch.Field, ch.NewValue)}
		if out[i].Actor == "" {
			out[i].Actor = lo.T("dev.former_member")
		}
	}
	return out, nil
}

// CreateGoal adds a goal to the signed-in learner's plan.
func (h *Handler) CreateGoal(c *fiber.Ctx) error {
	a, err := h.learnerFor(c, c.Params("id"))
	if err != nil {
		return err
	}
	in := development.GoalInput{Dimension: c.FormValue("dimension"), Title: c.FormValue("title"),
		SuccessMeasure: c.FormValue("success_measure"), DueOn: c.FormValue("due_on"),
		Status: development.GoalStatus(c.FormValue("status"))}
	if _, err := h.dev.CreateGoal(ctx(c), web.CurrentUser(c).ID, a.Learner.ID, in); err != nil {
		values := map[string]string{"dimension": in.Dimension, "title": in.Title, "success_measure": in.SuccessMeasure,
			"due_on": in.DueOn, "status": string(in.Status)}
		return h.refill(c, "development/plan", "plan.title", func() (any, error) { return h.planPage(c, a, "new") }, values, err)
	}
	return redirectDone(c, "/people/"+a.Learner.ID+"/plan", "goal_created")
}

// UpdateGoal changes the fields of a goal that the form sends (its status, its wording,
// its due day); every change is kept in the goal's history.
func (h *Handler) UpdateGoal(c *fiber.Ctx) error {
	g, err := h.dev.Goal(ctx(c), c.Params("id"))
	if err != nil {
		return err
	}
	a, err := h.learnerFor(c, g.LearnerID)
	if err != nil {
		return err
	}
	patch, values := goalPatch(formValues(c))
	if _, err := h.dev.UpdateGoal(ctx(c), web.CurrentUser(c).ID, g.ID, patch); err != nil {
		return h.refill(c, "development/plan", "plan.title", func() (any, error) { return h.planPage(c, a, "goal-"+g.ID) }, values, err)
	}
	return redirectDone(c, "/people/"+g.LearnerID+"/plan", "goal_updated")
}

// goalPatch reads the goal fields present in the form; absent fields stay unchanged.
func goalPatch(form map[string][]string) (development.GoalPatch, map[string]string) {
	values := map[string]string{}
	field := func(name string) *string {
		v, ok := form[name]
		if !ok || len(v) == 0 {
			return nil
		}
		values[name] = v[0]
		return &v[0]
	}
	p := development.GoalPatch{Dimension: field("dimension"), Title: field("title"),
		SuccessMeasure: field("success_measure"), DueOn: field("due_on")}
	if st := field("status"); st != nil {
		status := development.GoalStatus(*st)
		p.Status = &status
	}
	return p, values
}

// CommentOnGoal adds a coach's comment to a goal; the learner sees it on their plan.
func (h *Handler) CommentOnGoal(c *fiber.Ctx) error {
	g, err := h.dev.Goal(ctx(c), c.Params("id"))
	if err != nil {
		return err
	}
	a, err := h.learnerFor(c, g.LearnerID)
	if err != nil {
		return err
	}
	if err := a.RequireCoach(); err != nil {
		return err
	}
	in := development.CommentInput{Body: c.FormValue("body")}
	if _, err := h.dev.CommentOnGoal(ctx(c), web.CurrentUser(c).ID, g.ID, in); err != nil {
		return h.refill(c, "development/plan", "plan.title", func() (any, error) { return h.planPage(c, a, "comment-"+g.ID) },
			map[string]string{"body": in.Body}, err)
	}
	return redirectDone(c, "/people/"+g.LearnerID+"/plan", "comment_added")
}
