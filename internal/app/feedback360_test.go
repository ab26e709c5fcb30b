package app_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/threesixty"
)

var (
	observerLink = regexp.MustCompile(`id="observer-link">http://academy\.test/o/([A-Za-z0-9_-]+)<`)
	observerItem = regexp.MustCompile(`name="item-([^"]+)"`)
	// groupCell is a mean in the 360 table: "54 <span class="count">(6)</span>".
	groupCell = regexp.MustCompile(`<td class="num">([^<]+) <span class="count">\((\d+)\)</span></td>`)
	// itemRow is a statement with the observers' mean and how many answered it.
	itemRow = regexp.MustCompile(`<tr><th scope="row">[^<]+</th><td class="num">([^<]+)</td><td class="num">(\d+)</td></tr>`)
	numCell = regexp.MustCompile(`<td class="num">([^<]*)`)
)

// observerInvitation invites an observer of the learner straight through the store and
// returns the invitation's id (for the authorization sweep).
func observerInvitation(t *testing.T, s *apptest.Server, email string) string {
	t.Helper()
	id := userID(t, s, email)
	link, err := s.App.Development().InviteObserver(context.Background(), id, id,
		development.ObserverInput{Email: "sweep.observer@example.com", Relationship: threesixty.Peer})
	if err != nil {
		t.Fatal(err)
	}
	return link.Invitation.ID
}

// inviteObserver invites through the learner's observers page (as c) and returns the token
// of the link the page shows (no SMTP in tests).
func inviteObserver(t *testing.T, c *apptest.Client, learnerID, email string, rel threesixty.Relationship, lang string) string {
	t.Helper()
	resp := c.PostForm("/people/"+learnerID+"/observers", url.Values{"email": {email}, "relationship": {string(rel)}, "language": {lang}})
	body := apptest.Body(resp)
	m := observerLink.FindStringSubmatch(body)
	if resp.StatusCode != http.StatusCreated || m == nil {
		t.Fatalf("invite %s: %d, link shown: %v", email, resp.StatusCode, m != nil)
	}
	return m[1]
}

// observerDefinition is the built-in observer form.
func observerDefinition(t *testing.T, s *apptest.Server) *instrument.Definition {
	t.Helper()
	def, err := s.App.Assessment().Definition(context.Background(), builtInInstrument(t, s, development.DefaultObserverInstrument))
	if err != nil {
		t.Fatal(err)
	}
	return def
}

// answerAsObserver answers every item of the form through the link's pages, as an
// anonymous visitor, so that each item scores level (reverse-keyed items are answered the
// other way round), checks every answer, and sends the feedback.
func answerAsObserver(t *testing.T, s *apptest.Server, token string, level int) {
	t.Helper()
	def := observerDefinition(t, s)
	c := s.NewClient()
	for page := 1; ; page++ {
		path := "/o/" + token + "?page=" + strconv.Itoa(page)
		resp := c.Get(path)
		body := apptest.Body(resp)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		items := observerItem.FindAllStringSubmatch(body, -1)
		if len(items) == 0 { // the step to check and send
			resp = c.PostForm(path, url.Values{"go": {"submit"}})
			if body := apptest.Body(resp); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Gracias por tu opinión") {
				t.Fatalf("submit: %d", resp.StatusCode)
			}
			return
		}
		form := url.Values{"go": {"next"}}
		for _, m := range items {
			it, ok := def.Item(m[1])
			if !ok {
				t.Fatalf("page %d shows unknown item %s", page, m[1])
			}
			v := level
			if it.Reverse {
				v = def.Scale.Min + def.Scale.Max - level
			}
			form.Set("item-"+it.ID, strconv.Itoa(v))
		}
		if resp := c.PostForm(path, form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("POST %s: %d", path, resp.StatusCode)
		}
	}
}

// topSelfAssessment submits a self-assessment scoring 100 in every dimension.
func topSelfAssessment(t *testing.T, s *apptest.Server, email string) {
	t.Helper()
	ctx := context.Background()
	u, err := s.App.Identity().UserByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	st := s.App.Assessment()
	a, err := st.Start(ctx, u.ID, u.OrgID(), "networking-self")
	if err != nil {
		t.Fatal(err)
	}
	def, err := st.Definition(ctx, a.InstrumentID)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range def.Items {
		var value, option *int
		switch {
		case it.Type == instrument.SJT:
			best := slices.IndexFunc(it.Options, func(o instrument.Option) bool { return o.Weight == instrument.MaxWeight })
			option = &best
		case it.Reverse:
			value = &def.Scale.Min
		default:
			value = &def.Scale.Max
		}
		if err := st.SaveAnswer(ctx, u.ID, a.ID, it.ID, value, option); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Submit(ctx, u.ID, a.ID); err != nil {
		t.Fatal(err)
	}
}

// invitationID finds the learner's invitation of an observer by email.
func invitationID(t *testing.T, s *apptest.Server, learnerID, email string) string {
	t.Helper()
	invs, err := s.App.Development().ObserverInvitations(context.Background(), learnerID)
	if err != nil {
		t.Fatal(err)
	}
	for _, inv := range invs {
		if inv.Email == email {
			return inv.ID
		}
	}
	t.Fatalf("no invitation of %s", email)
	return ""
}

func pageAs(t *testing.T, c *apptest.Client, path string, want int) string {
	t.Helper()
	resp := c.Get(path)
	body := apptest.Body(resp)
	if resp.StatusCode != want {
		t.Fatalf("GET %s: %d, want %d", path, resp.StatusCode, want)
	}
	return body
}

// TestFeedback360Anonymity: below three answers nothing from observers shows anywhere;
// from three on, every page, whoever reads it (the learner, their coach, the organisation's
// admin), shows only means over the three, never one observer's scores or answers.
func TestFeedback360Anonymity(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learner := s.Login("learner1@acme.example")
		id := userID(t, s, "learner1@acme.example")
		topSelfAssessment(t, s, "learner1@acme.example") // 100 everywhere
		readers := map[string]*apptest.Client{"learner": learner, "coach": s.Login("coach@acme.example"), "admin": s.Login("admin@acme.example")}

		// One observer with a pattern of their own (every item scores 2: 25 per dimension)
		// and two alike (every item 1: 0 per dimension).
		distinctive := inviteObserver(t, learner, id, "eva@partner.example", threesixty.Peer, "es")
		second := inviteObserver(t, learner, id, "luis@partner.example", threesixty.Peer, "es")
		third := inviteObserver(t, learner, id, "sara@partner.example", threesixty.Peer, "es")
		answerAsObserver(t, s, distinctive, 2)
		answerAsObserver(t, s, second, 1)

		for who, c := range readers {
			body := pageAs(t, c, "/people/"+id+"/feedback", http.StatusOK)
			if !strings.Contains(body, "Todavía no hay resultados de observadores") || !strings.Contains(body, "Falta 1 respuesta.") ||
				!strings.Contains(body, "Han respondido 2 de las 3 personas invitadas.") {
				t.Fatalf("%s: two answers do not explain that one more is needed", who)
			}
			if strings.Contains(body, "<svg") || strings.Contains(body, `class="num"`) || strings.Contains(body, "Puntos ciegos") {
				t.Fatalf("%s: observer results shown with two answers", who)
			}
			if body := pageAs(t, c, "/people/"+id+"/recommendations", http.StatusOK); strings.Contains(body, "media de los observadores") {
				t.Fatalf("%s: recommendations show observers with two answers", who)
			}
		}

		answerAsObserver(t, s, third, 1)
		for who, c := range readers {
			body := pageAs(t, c, "/people/"+id+"/feedback", http.StatusOK)
			cells := groupCell.FindAllStringSubmatch(body, -1)
			if len(cells) != 16 { // 8 dimensions × (all observers + peers)
				t.Fatalf("%s: %d means in the table, want 16", who, len(cells))
			}
			for _, m := range cells {
				if m[1] != "8" || m[2] != "3" {
					t.Fatalf("%s: table shows %s over %s observers; only the mean of the three (8) may show", who, m[1], m[2])
				}
			}
			items := itemRow.FindAllStringSubmatch(body, -1)
			if len(items) != 40 { // every dimension is a blind spot, with its five statements
				t.Fatalf("%s: %d statements behind the blind spots, want 40", who, len(items))
			}
			for _, m := range items {
				if m[1] != "1,3" || m[2] != "3" {
					t.Fatalf("%s: statement mean %s over %s; only the mean of the three (1,3) may show", who, m[1], m[2])
				}
			}
			for _, m := range numCell.FindAllStringSubmatch(body, -1) {
				if slices.Contains([]string{"25", "0", "2,0", "1,0"}, strings.TrimSpace(m[1])) {
					t.Fatalf("%s: a number that belongs to one observer (%s) is on the results page", who, m[1])
				}
			}
			recs := pageAs(t, c, "/people/"+id+"/recommendations", http.StatusOK)
			if !strings.Contains(recs, "media de los observadores: 8 de 100") || strings.Contains(recs, "25 de 100") ||
				!strings.Contains(recs, "Punto ciego") {
				t.Fatalf("%s: recommendations do not show the observers' mean only", who)
			}
			list := pageAs(t, c, "/people/"+id+"/observers", http.StatusOK)
			if strings.Count(list, ">Respondida<") != 3 || strings.Contains(list, `class="num"`) || strings.Contains(list, "1,3") {
				t.Fatalf("%s: the observers page shows more than who has answered", who)
			}
		}
		// An answered invitation cannot be withdrawn: the means would lose a rater.
		resp := learner.PostForm("/people/"+id+"/observers/"+invitationID(t, s, id, "eva@partner.example")+"/withdraw", nil)
		if resp.StatusCode != http.StatusConflict {
			t.Fatalf("withdraw an answered invitation: %d, want 409", resp.StatusCode)
		}
	})
}

// TestFeedback360MergesSmallGroups: three peers are shown as a group; two managers and a
// client only together, as "others".
func TestFeedback360MergesSmallGroups(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learner := s.Login("learner2@acme.example")
		id := userID(t, s, "learner2@acme.example")
		observers := []struct {
			rel   threesixty.Relationship
			level int
		}{{threesixty.Peer, 4}, {threesixty.Peer, 4}, {threesixty.Peer, 4}, {threesixty.Manager, 2}, {threesixty.Manager, 2}, {threesixty.Client, 3}}
		for i, o := range observers {
			answerAsObserver(t, s, inviteObserver(t, learner, id, "observer"+strconv.Itoa(i)+"@partner.example", o.rel, "es"), o.level)
		}
		body := pageAs(t, learner, "/people/"+id+"/feedback", http.StatusOK)
		head := body[strings.Index(body, "<thead>"):strings.Index(body, "</thead>")]
		for _, want := range []string{">Compañeros<", ">Otros<"} {
			if !strings.Contains(head, want) {
				t.Errorf("the table has no column %s", want)
			}
		}
		for _, small := range []string{"Responsables", "Clientes"} {
			if strings.Contains(head, small) {
				t.Errorf("a group of fewer than three (%s) has a column of its own", small)
			}
		}
		// Per dimension: all six 54 (325/6), peers 75, others 33 ((25+25+50)/3).
		want := []string{"54 (6)", "75 (3)", "33 (3)"}
		cells := groupCell.FindAllStringSubmatch(body, -1)
		if len(cells) != 24 {
			t.Fatalf("%d means in the table, want 24", len(cells))
		}
		for i, m := range cells {
			if got := m[1] + " (" + m[2] + ")"; got != want[i%3] {
				t.Fatalf("cell %d = %s, want %s", i, got, want[i%3])
			}
		}
	})
}

// TestObserverLinks: a link shows only its own invitation, in the invitation's language, to
// an anonymous visitor; it saves answers, survives until it is sent, withdrawn, replaced
// or expired, and then answers 410 (404 once replaced or unknown).
func TestObserverLinks(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learner := s.Login("learner1@acme.example")
		id := userID(t, s, "learner1@acme.example")
		x := inviteObserver(t, learner, id, "xavi@partner.example", threesixty.Manager, "es")
		y := inviteObserver(t, learner, id, "yolanda@partner.example", threesixty.Client, "en")
		z := inviteObserver(t, learner, id, "zoe@partner.example", threesixty.DirectReport, "es")
		visitor := s.NewClient()
		visitor.Lang = "es-ES"

		pageAs(t, visitor, "/o/not-a-real-token", http.StatusNotFound)
		page := pageAs(t, visitor, "/o/"+x, http.StatusOK)
		if !strings.Contains(page, "Marta te pide tu opinión") || !strings.Contains(page, "Te han invitado como: Responsable.") ||
			strings.Contains(page, "Gil") || strings.Contains(page, "checked") {
			t.Fatal("x's page is not a fresh Spanish form about Marta")
		}
		// The invitation's language, not the visitor's.
		if page := pageAs(t, visitor, "/o/"+y, http.StatusOK); !strings.Contains(page, `<html lang="en">`) ||
			!strings.Contains(page, "Marta would like your feedback") || !strings.Contains(page, "Client or external contact") {
			t.Fatal("y's page is not in English")
		}

		// An answer saved through one link belongs to that invitation only.
		item := observerItem.FindStringSubmatch(page)[1]
		if resp := visitor.PostForm("/o/"+x+"/answers/"+item, url.Values{"answer": {"5"}}); resp.StatusCode != http.StatusNoContent {
			t.Fatalf("autosave: %d", resp.StatusCode)
		}
		if !strings.Contains(pageAs(t, visitor, "/o/"+x, http.StatusOK), `value="5" checked`) {
			t.Fatal("x's answer is not kept")
		}
		if strings.Contains(pageAs(t, visitor, "/o/"+y, http.StatusOK), "checked") {
			t.Fatal("x's answer shows on y's form")
		}
		// A value off the scale is refused with the question marked.
		resp := visitor.PostForm("/o/"+x+"?page=1", url.Values{"item-" + item: {"9"}, "go": {"next"}})
		if body := apptest.Body(resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `class="error-summary"`) ||
			!strings.Contains(body, `href="#q-`+item+`"`) {
			t.Fatalf("answer off the scale: %d", resp.StatusCode)
		}
		// Sending nothing at all is refused.
		resp = visitor.PostForm("/o/"+y+"?page=9", url.Values{"go": {"submit"}})
		if body := apptest.Body(resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Answer at least one question") {
			t.Fatalf("empty submit: %d", resp.StatusCode)
		}

		// Resend: a new link, the old one unknown, the saved answer kept.
		resp = learner.PostForm("/people/"+id+"/observers/"+invitationID(t, s, id, "xavi@partner.example")+"/resend", nil)
		body := apptest.Body(resp)
		m := observerLink.FindStringSubmatch(body)
		if resp.StatusCode != http.StatusOK || m == nil || m[1] == x || !strings.Contains(body, "Nuevo enlace creado para xavi@partner.example") {
			t.Fatalf("resend: %d", resp.StatusCode)
		}
		pageAs(t, visitor, "/o/"+x, http.StatusNotFound)
		x = m[1]
		if !strings.Contains(pageAs(t, visitor, "/o/"+x, http.StatusOK), `value="5" checked`) {
			t.Fatal("the answer is lost on resend")
		}

		// Withdraw: the link says so, the list too.
		resp = learner.PostForm("/people/"+id+"/observers/"+invitationID(t, s, id, "yolanda@partner.example")+"/withdraw", nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/people/"+id+"/observers?done=observer_withdrawn" {
			t.Fatalf("withdraw: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		if body := pageAs(t, visitor, "/o/"+y, http.StatusGone); !strings.Contains(body, "ha retirado esta petición") {
			t.Fatal("a withdrawn link does not say so")
		}
		list := pageAs(t, learner, "/people/"+id+"/observers?done=observer_withdrawn", http.StatusOK)
		if !strings.Contains(list, "Invitación retirada.") || !strings.Contains(list, ">Retirada<") {
			t.Fatal("the list does not show the withdrawal")
		}

		// Expired.
		past := time.Now().UTC().Add(-time.Hour)
		if err := s.App.DB().Exec("UPDATE observer_invitations SET expires_at = ? WHERE email = ?", past, "zoe@partner.example").Error; err != nil {
			t.Fatal(err)
		}
		if body := pageAs(t, visitor, "/o/"+z, http.StatusGone); !strings.Contains(body, "El enlace ha caducado") {
			t.Fatal("an expired link does not say so")
		}
		if !strings.Contains(pageAs(t, learner, "/people/"+id+"/observers", http.StatusOK), ">Caducada<") {
			t.Fatal("the list does not show the expiry")
		}

		// Sent once: every later use of the link is refused.
		answerAsObserver(t, s, x, 3)
		if body := pageAs(t, visitor, "/o/"+x, http.StatusGone); !strings.Contains(body, "Esta opinión ya se envió") {
			t.Fatal("a used link does not say so")
		}
		for path, form := range map[string]url.Values{
			"/o/" + x + "?page=9":          {"go": {"submit"}},
			"/o/" + x + "?page=1":          {"item-" + item: {"1"}, "go": {"next"}},
			"/o/" + x + "/answers/" + item: {"answer": {"1"}},
		} {
			if resp := visitor.PostForm(path, form); resp.StatusCode != http.StatusGone {
				t.Fatalf("POST %s with a used link: %d, want 410", path, resp.StatusCode)
			}
		}
	})
}

// TestFeedback360Authorization: the learner, their coach and their organisation's admin may
// use the pages; another learner, another organisation and non-learners may not.
func TestFeedback360Authorization(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		id := userID(t, s, "learner1@acme.example")
		coach := s.Login("coach@acme.example")
		// The coach invites for the learner.
		token := inviteObserver(t, coach, id, "coached@partner.example", threesixty.Peer, "es")
		invitation := invitationID(t, s, id, "coached@partner.example")
		pages := []string{"/people/" + id + "/observers", "/people/" + id + "/feedback", "/people/" + id + "/recommendations"}
		for _, email := range []string{"learner1@acme.example", "coach@acme.example", "admin@acme.example"} {
			c := s.Login(email)
			for _, p := range pages {
				pageAs(t, c, p, http.StatusOK)
			}
		}
		for _, email := range []string{"learner3@acme.example", "admin@globex.example", "coach@globex.example"} {
			c := s.Login(email)
			for _, p := range pages {
				pageAs(t, c, p, http.StatusNotFound)
			}
			if resp := c.PostForm("/people/"+id+"/observers/"+invitation+"/withdraw", nil); resp.StatusCode != http.StatusNotFound {
				t.Fatalf("%s withdraws another learner's invitation: %d", email, resp.StatusCode)
			}
		}
		// Another learner's invitation through one's own page is not found either.
		other := s.Login("learner3@acme.example")
		if resp := other.PostForm("/people/"+userID(t, s, "learner3@acme.example")+"/observers/"+invitation+"/withdraw", nil); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("withdraw through one's own page: %d", resp.StatusCode)
		}
		// A learner sees their coach, but not the coach's 360 pages; coaches have none.
		pageAs(t, s.Login("learner1@acme.example"), "/people/"+userID(t, s, "coach@acme.example")+"/feedback", http.StatusForbidden)
		pageAs(t, s.Login("admin@acme.example"), "/people/"+userID(t, s, "coach@acme.example")+"/feedback", http.StatusNotFound)
		// Nobody signed in is sent to sign in; the link itself still works.
		if resp := s.NewClient().Get("/people/" + id + "/feedback"); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("anonymous: %d", resp.StatusCode)
		}
		pageAs(t, s.NewClient(), "/o/"+token, http.StatusOK)
		// Inviting oneself or an address with a live invitation is refused at the field.
		learner := s.Login("learner1@acme.example")
		for email, msg := range map[string]string{"learner1@acme.example": "No puedes invitarte", "coached@partner.example": "Ya está en uso."} {
			resp := learner.PostForm("/people/"+id+"/observers", url.Values{"email": {email}, "relationship": {"peer"}, "language": {"es"}})
			if body := apptest.Body(resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, msg) {
				t.Fatalf("invite %s: %d", email, resp.StatusCode)
			}
		}
	})
}
