package e2e_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/e2e"
)

// The person the journey follows: invited by Acme's administrator into a cohort.
const (
	journeyName   = "Rocío Fuentes"
	journeyEmail  = "rocio.fuentes@acme.example"
	journeyCohort = "Desarrollo de negocio 2026"
	journeyPass   = "una frase que recuerdo bien"
	// journeyTimeout bounds what the learner does in the browser (a minute or less on an
	// idle machine).
	journeyTimeout = 4 * time.Minute
)

// TestLearnerJourney follows one new learner through Academy in the browser, on every
// database kind under test: the organisation's administrator invites her through the
// invitation form; she opens her link, sets a password (a first try with a mismatched
// confirmation shows the error summary) and chooses English; she switches the page to
// Spanish with the header's language control; she opens the first module of the course,
// reads its lessons, takes its quiz and sees the review; she starts the self-assessment,
// answers the first page, goes home, comes back and finds her answers there, finishes and
// submits; she sees her results (radar chart with its table) and her recommendations,
// writes a goal, logs an action, invites an observer and downloads her PDF report. Every
// distinct page is checked with axe-core.
func TestLearnerJourney(t *testing.T) {
	b := e2e.NewBrowser(t)
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		base := s.Listen()
		// The administrator's part is a subtest so that, on failure, each page leaves a
		// screenshot of its own.
		var token string
		if !t.Run("admin invites", func(t *testing.T) { token = inviteJourneyLearner(t, b.NewPage(t), base) }) {
			return
		}

		// The journey does far more on its page than PageTimeout is meant for, so its
		// actions get a budget of their own (the tab still closes when the test ends).
		ctx, cancel := context.WithTimeout(context.WithoutCancel(b.NewPage(t)), journeyTimeout)
		defer cancel()
		j := &learnerJourney{t: t, ctx: ctx, base: base, checked: map[string]bool{}}
		j.acceptInvitation(token)
		j.switchToSpanish()
		j.takeFirstModule()
		j.takeSelfAssessmentInTwoSittings()
		j.seeResultsAndRecommendations()
		j.writeGoal()
		j.logAction()
		j.inviteObserver()
		j.downloadReport()
	})
}

// inviteJourneyLearner signs in as Acme's administrator, invites the learner into the
// cohort through the people pages and returns the token of the link the page shows (the
// tests send no email).
func inviteJourneyLearner(t *testing.T, ctx context.Context, base string) string {
	t.Helper()
	signIn(t, ctx, base, "admin@acme.example", apptest.DemoPassword)
	wantHeading(t, ctx, "Acme Consulting")
	clickAndWait(t, ctx, `header .main-nav a[href$="/people"]`)
	wantHeading(t, ctx, "Personas")
	clickAndWait(t, ctx, `main .actions a[href$="/people/invite"]`)
	wantHeading(t, ctx, "Invitar a una persona")
	chooseOptionLabelled(t, ctx, "#f-cohort_id", journeyCohort)
	do(t, ctx,
		chromedp.Click(chromedp.ID("f-name")),
		chromedp.SendKeys(chromedp.ID("f-name"), journeyName),
		chromedp.Click(chromedp.ID("f-email")),
		chromedp.SendKeys(chromedp.ID("f-email"), journeyEmail),
		chromedp.Click(chromedp.CSS(`label[for="f-role-learner"]`)),
		chromedp.Click(chromedp.CSS(`label[for="f-locale-es"]`)),
	)
	resp, err := e2e.ClickAndWait(ctx, chromedp.CSS(`form[action$="/people/invite"] button[type="submit"]`))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 201 {
		t.Fatalf("inviting %s answered %d, want 201", journeyEmail, resp.Status)
	}
	see(t, ctx, "main .notice", "Hemos invitado a "+journeyName+" ("+journeyEmail+").")
	e2e.CheckAccessibility(t, ctx)
	link := text(t, ctx, "#invitation-link")
	_, token, ok := strings.Cut(link, "/invitations/")
	if !ok || token == "" {
		t.Fatalf("the page shows %q, not an invitation link", link)
	}
	return token
}

// chooseOptionLabelled chooses the option of the select list that shows label.
func chooseOptionLabelled(t *testing.T, ctx context.Context, css, label string) {
	t.Helper()
	v := evaluate[string](t, ctx, `Array.from(document.querySelector(`+"`"+css+"`"+`).options)
		.filter(o => o.textContent.trim() === "`+label+`").map(o => o.value).join("")`)
	if v == "" {
		t.Fatalf("%s offers no %q", css, label)
	}
	do(t, ctx, chromedp.SetValue(chromedp.CSS(css), v))
}

// learnerJourney is the learner's page, and the pages already checked on the way.
type learnerJourney struct {
	t       *testing.T
	ctx     context.Context
	base    string
	checked map[string]bool // pages already checked with axe-core, by language and path
}

var idInPath = regexp.MustCompile(`/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// at checks the page's main heading (keeping the page for the screenshots of a failure)
// and, the first time the journey stops on a page of this kind (its path with ids left
// out, in this language), its accessibility.
func (j *learnerJourney) at(heading string) {
	j.t.Helper()
	got, err := e2e.Heading(j.ctx)
	if err != nil {
		j.t.Fatalf("main h1: %v", err)
	}
	e2e.Keep(j.ctx, heading)
	if got != heading {
		j.t.Fatalf("main h1 = %q, want %q", got, heading)
	}
	page := evaluate[string](j.t, j.ctx, `document.documentElement.lang + " " + location.pathname`)
	page = idInPath.ReplaceAllString(page, "/{id}")
	if !j.checked[page] {
		j.checked[page] = true
		e2e.CheckAccessibility(j.t, j.ctx)
		j.languageSwitchReturns()
	}
}

// languageSwitchReturns checks that the page the header's language switch returns to
// opens (a GET with the browser's session, after any redirects, answers 200).
func (j *learnerJourney) languageSwitchReturns() {
	j.t.Helper()
	got, err := chromedp.Run(j.ctx, chromedp.Evaluate[[]any](`(async () => {
		const next = document.querySelector("header form.lang-switch input[name=next]").value;
		const r = await fetch(next, {credentials: "same-origin"});
		return [next, r.status];
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		j.t.Fatalf("follow the language switch: %v", err)
	}
	if status, _ := got[1].(float64); status != 200 {
		url, _ := chromedp.Run(j.ctx, chromedp.Location())
		j.t.Errorf("on %s the language switch returns to %v, which answers %v", url, got[0], got[1])
	}
}

// click clicks the link or button and waits for the page it leads to.
func (j *learnerJourney) click(css string) {
	j.t.Helper()
	clickAndWait(j.t, j.ctx, css)
}

// typeInto clicks the field and types into it, as a person would.
func (j *learnerJourney) typeInto(css, s string) {
	j.t.Helper()
	do(j.t, j.ctx, chromedp.Click(chromedp.CSS(css)), chromedp.SendKeys(chromedp.CSS(css), s))
}

// lang fails unless the page is in the language.
func (j *learnerJourney) lang(want string) {
	j.t.Helper()
	if got := evaluate[string](j.t, j.ctx, `document.documentElement.lang`); got != want {
		j.t.Fatalf(`<html lang> = %q, want %q`, got, want)
	}
}

// errorsAnnounced checks a form page shown again with errors: an alert summary lists
// them, each linking to its field, which is marked invalid and described by its message;
// the fields are the ones given. The page is checked with axe-core in this state too, and
// its language switch must lead back to a page that opens.
func (j *learnerJourney) errorsAnnounced(fields ...string) {
	t := j.t
	t.Helper()
	see(t, j.ctx, `main .error-summary[role="alert"]`, "Revisa lo siguiente")
	found := evaluate[[]struct {
		Href      string `json:"href"`
		Invalid   bool   `json:"invalid"`
		Described bool   `json:"described"`
	}](t, j.ctx, `Array.from(document.querySelectorAll(".error-summary a")).map(a => {
		const f = document.querySelector(a.getAttribute("href"));
		const ids = f ? (f.getAttribute("aria-describedby") || "").split(/\s+/) : [];
		return {href: a.getAttribute("href"), invalid: !!f && f.getAttribute("aria-invalid") === "true",
			described: ids.some(id => { const d = document.getElementById(id); return !!d && d.classList.contains("field-error"); })};
	})`)
	var hrefs []string
	for _, f := range found {
		hrefs = append(hrefs, f.Href)
		if !f.Invalid || !f.Described {
			t.Errorf("the error summary links to %s, which is missing, not marked invalid or not described by its error", f.Href)
		}
	}
	var want []string
	for _, f := range fields {
		want = append(want, "#f-"+f)
	}
	if strings.Join(hrefs, " ") != strings.Join(want, " ") {
		t.Fatalf("the error summary links to %v, want %v", hrefs, want)
	}
	e2e.CheckAccessibility(t, j.ctx)
	j.languageSwitchReturns()
}

// acceptInvitation opens the invitation link, sets a password (first with a confirmation
// that does not match) and chooses English.
func (j *learnerJourney) acceptInvitation(token string) {
	t := j.t
	do(t, j.ctx, chromedp.Navigate(j.base+"/invitations/"+token))
	j.at("Hola, " + journeyName + ": activa tu cuenta")
	see(t, j.ctx, "main form", journeyEmail)

	j.typeInto("#f-password", journeyPass)
	j.typeInto("#f-password_confirm", journeyPass+" no")
	j.click(`main form button[type="submit"]`)
	j.at("Hola, " + journeyName + ": activa tu cuenta")
	j.errorsAnnounced("password_confirm")

	// The page gives the password fields back empty, as it should.
	if v := value(t, j.ctx, "#f-password") + value(t, j.ctx, "#f-password_confirm"); v != "" {
		t.Fatal("the password fields are not empty after the error")
	}
	j.typeInto("#f-password", journeyPass)
	j.typeInto("#f-password_confirm", journeyPass)
	do(t, j.ctx, chromedp.Click(chromedp.CSS(`label[for="f-locale-en"]`)))
	j.click(`main form button[type="submit"]`)
	wantPath(t, j.ctx, "/home")
	j.at("Hello, " + journeyName)
	j.lang("en")
	see(t, j.ctx, "main .notice", "Welcome to Academy! Your account is now active.")
	see(t, j.ctx, "#cohorts-title", "Your cohorts")
	see(t, j.ctx, "main .cards", journeyCohort)
}

// switchToSpanish presses the header's language control and checks the page turned
// Spanish, and stays so on the next page.
func (j *learnerJourney) switchToSpanish() {
	t := j.t
	j.click(`header form.lang-switch button[value="es"]`)
	wantPath(t, j.ctx, "/home")
	j.at("Hola, " + journeyName)
	j.lang("es")
	see(t, j.ctx, "#cohorts-title", "Tus grupos")
	see(t, j.ctx, "header", "Cerrar sesión")
	see(t, j.ctx, "header form.lang-switch", "English")

	// From the keyboard, the first Tab reaches the link that skips to the content.
	do(t, j.ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`), chromedp.KeyEvent(kb.Tab))
	if !evaluate[bool](t, j.ctx, `document.activeElement.matches("a.skip-link[href='#main']")`) {
		t.Fatal("the first Tab does not reach the skip link")
	}
	do(t, j.ctx, chromedp.KeyEvent(kb.Enter))
	if !evaluate[bool](t, j.ctx, `document.activeElement === document.getElementById("main")`) {
		t.Fatal("the skip link does not move the focus to the content")
	}
}

// takeFirstModule opens the first module from the catalogue, reads its lessons marking
// each done, takes its quiz answering right (the answer key comes from the content files)
// and sees the review.
func (j *learnerJourney) takeFirstModule() {
	t := j.t
	j.click(`header .main-nav a[href="/modules"]`)
	j.at("Módulos del curso")
	href := evaluate[string](t, j.ctx, `document.querySelector(".modules > li:first-child h2 a").getAttribute("href")`)
	m := builtInModule(t, strings.TrimPrefix(href, "/modules/"))
	lessons := strconv.Itoa(len(m.Lessons))
	j.click(`.modules > li:first-child h2 a`)
	j.at(m.Title.In("es"))
	see(t, j.ctx, "main", "0 % hecho: 0 de "+lessons+" lecciones.")

	j.click(`.next-step a[href$="/lessons/` + m.Lessons[0].Slug + `"]`)
	for _, l := range m.Lessons {
		j.at(l.Title.In("es"))
		j.click(`form[action$="/complete"] button`)
	}
	j.at(m.Title.In("es"))
	see(t, j.ctx, "main", lessons+" de "+lessons+" lecciones.")
	if n := evaluate[int](t, j.ctx, `document.querySelectorAll(".lesson-list .tag-ok").length`); n != len(m.Lessons) {
		t.Fatalf("%d lessons marked done, want %d", n, len(m.Lessons))
	}

	j.click(`form[action="/modules/` + m.Slug + `/quiz/attempts"] button`)
	j.at(m.Quiz.Title.In("es"))
	for _, q := range m.Quiz.Questions {
		for _, o := range q.Options {
			if o.Correct {
				do(t, j.ctx, chromedp.Click(chromedp.CSS(`label[for="o-`+q.ID+`-`+o.ID+`"]`)))
			}
		}
	}
	j.waitSaved()
	j.click(`form.questionnaire button[type="submit"]`)
	j.at(m.Quiz.Title.In("es"))
	see(t, j.ctx, "main [role=status]", "Resultado: 100 %")
	see(t, j.ctx, "main [role=status]", "Has completado este módulo")
	if n := evaluate[int](t, j.ctx, `document.querySelectorAll("ol.review > li").length`); n != len(m.Quiz.Questions) {
		t.Fatalf("the review shows %d questions, want %d", n, len(m.Quiz.Questions))
	}
	correct := 0
	for _, q := range m.Quiz.Questions {
		for _, o := range q.Options {
			if o.Correct {
				correct++
			}
		}
	}
	if n := evaluate[int](t, j.ctx, `document.querySelectorAll(".review-options li.chosen.correct").length`); n != correct {
		t.Fatalf("the review shows %d of the answers chosen as right, want %d", n, correct)
	}
}

// waitSaved waits until the page's script has saved every answer given on the page: each
// question's fieldset is aria-busy until its saves are done, then says whether it saved.
func (j *learnerJourney) waitSaved() {
	j.t.Helper()
	do(j.t, j.ctx, chromedp.Poll[chromedp.Void](`document.querySelectorAll("fieldset.question[aria-busy]").length === 0 &&
		Array.from(document.querySelectorAll("fieldset.question"))
			.every(f => !f.querySelector("input:checked") || f.querySelector(".save-status").textContent !== "")`,
		chromedp.WithPollingTimeout(10*time.Second)))
	if failed := evaluate[int](j.t, j.ctx, `Array.from(document.querySelectorAll("fieldset.question .save-status"))
		.filter(s => s.textContent === document.getElementById("msg-failed").textContent).length`); failed > 0 {
		j.t.Fatalf("%d answers were not saved", failed)
	}
}

// takeSelfAssessmentInTwoSittings starts the self-assessment, answers its first page
// (each answer saved as it is clicked), leaves for the home page, comes back to the page
// after it, finds the first page's answers checked one page back, answers the rest, checks
// and submits.
func (j *learnerJourney) takeSelfAssessmentInTwoSittings() {
	t := j.t
	j.click(`header .main-nav a[href="/assessments"]`)
	j.at("Tu perfil de networking")
	see(t, j.ctx, "main .cards", "Sin empezar")
	j.click(`main .cards form[action="/assessments"] button[type="submit"]`)
	j.at("Autoevaluación de networking")
	see(t, j.ctx, "main .progress-block", "Página 1 de")

	// The first answer is given with the keyboard: arrow keys move through the points of
	// the scale and choose as they go; the script saves it as it does clicks.
	do(t, j.ctx, chromedp.Focus(chromedp.CSS(`fieldset.question input[type="radio"]`)),
		chromedp.KeyEvent(kb.ArrowRight+kb.ArrowRight+kb.ArrowRight))
	if !evaluate[bool](t, j.ctx, `document.querySelectorAll("fieldset.question")[0].querySelectorAll("input[type=radio]")[3].checked`) {
		t.Fatal("the arrow keys did not choose the fourth point of the first question")
	}
	answerVisiblePage(t, j.ctx)
	j.waitSaved()
	first := evaluate[[]string](t, j.ctx, `Array.from(document.querySelectorAll("fieldset.question input:checked")).map(i => i.id)`)

	// Leave without pressing any button of the questionnaire.
	j.click(`header .main-nav a[href="/home"]`)
	j.at("Hola, " + journeyName)
	j.click(`main a[href="/assessments"].button`)
	j.at("Tu perfil de networking")
	answered := strconv.Itoa(len(first))
	see(t, j.ctx, "main .cards", "En curso: "+answered+" de 72 respuestas")
	// "Continue" carries on at the first page with questions left: the second. One page
	// back, the first sitting's answers are there.
	j.click(`main .cards a.button[href^="/assessments/"]`)
	j.at("Autoevaluación de networking")
	see(t, j.ctx, "main .progress-block", "Página 2 de 12 · "+answered+" de 72 respuestas guardadas")
	if n := evaluate[int](t, j.ctx, `document.querySelectorAll("fieldset.question input:checked").length`); n != 0 {
		t.Fatalf("page 2 shows %d answers before any was given on it", n)
	}
	j.click(`button[name="go"][value="previous"]`)
	j.at("Autoevaluación de networking")
	see(t, j.ctx, "main .progress-block", "Página 1 de 12")
	for _, id := range first {
		if !evaluate[bool](t, j.ctx, `document.getElementById("`+id+`").checked`) {
			t.Fatalf("the answer %s given in the first sitting is not checked", id)
		}
	}

	for range 20 {
		answerVisiblePage(t, j.ctx)
		if evaluate[bool](t, j.ctx, `!!document.querySelector('button[name="go"][value="review"]')`) {
			j.click(`button[name="go"][value="review"]`)
			break
		}
		j.click(`button[name="go"][value="next"]`)
		j.at("Autoevaluación de networking")
	}
	j.at("Revisa tus respuestas")
	see(t, j.ctx, "main", "Has respondido todas las preguntas.")
	j.click(`form[action$="/submit"] button[type="submit"]`)
}

// seeResultsAndRecommendations checks the results page the submission led to (the radar
// chart as an image with a title, and the table of the same numbers), then opens the
// recommendations.
func (j *learnerJourney) seeResultsAndRecommendations() {
	t := j.t
	j.at("Tu perfil de networking")
	if !strings.HasSuffix(evaluate[string](t, j.ctx, `location.pathname`), "/results") {
		t.Fatal("submitting the self-assessment did not lead to its results")
	}
	do(t, j.ctx, chromedp.WaitVisible(chromedp.CSS(`svg.radar[role="img"]`)))
	if title := evaluate[string](t, j.ctx, `document.querySelector("svg.radar title").textContent`); !strings.HasPrefix(title, "Perfil en las ocho dimensiones") {
		t.Fatalf("the radar chart's title is %q", title)
	}
	see(t, j.ctx, ".profile table caption", "Puntuación por dimensión")
	if n := evaluate[int](t, j.ctx, `document.querySelectorAll(".profile table tbody tr").length`); n != 8 {
		t.Fatalf("the results table has %d rows, want 8", n)
	}
	if n := evaluate[int](t, j.ctx, `document.querySelectorAll(".profile table tbody td.num .muted").length`); n != 0 {
		t.Fatalf("%d dimensions are not scored after answering every question", n)
	}
	labels := evaluate[string](t, j.ctx, `Array.from(document.querySelectorAll("svg.radar text")).map(t => t.textContent).join("|")`)
	if !strings.Contains(labels, "Dar primero") {
		t.Fatalf("radar labels = %q", labels)
	}

	j.click(`main .actions a[href$="/recommendations"]`)
	j.at("Por dónde seguir creciendo")
	if n := evaluate[int](t, j.ctx, `document.querySelectorAll("article.recommendation").length`); n < 2 || n > 3 {
		t.Fatalf("%d recommendations, want two or three", n)
	}
	see(t, j.ctx, "article.recommendation", "Qué hacer en las próximas semanas")
}

// writeGoal opens the plan from the menu and adds a goal.
func (j *learnerJourney) writeGoal() {
	t := j.t
	j.click(`header .main-nav a[href$="/plan"]`)
	j.at("Tu plan de desarrollo")
	see(t, j.ctx, "#goals-title", "Objetivos")
	const goal = "Presentar entre sí a dos personas de mi red"
	form := `form[action$="/goals"] `
	const measure = "Las dos personas han hablado y me lo cuentan"
	j.typeInto(form+`[name="title"]`, goal)
	chooseOptionLabelled(t, j.ctx, form+`select[name="dimension"]`, "Dar primero")
	j.typeInto(form+`[name="success_measure"]`, measure)
	// She forgets the date: the form comes back with what she wrote and the error.
	j.click(form + `button[type="submit"]`)
	j.at("Tu plan de desarrollo")
	j.errorsAnnounced("due_on")
	if v := value(t, j.ctx, "#f-title") + " | " + value(t, j.ctx, "#f-dimension") + " | " + value(t, j.ctx, "#f-success_measure"); v != goal+" | giving-first | "+measure {
		t.Fatalf("the goal form came back with %q, not what was typed", v)
	}
	// A date field is filled by its picker, whose keys depend on the browser's locale: set
	// its value as the picker would.
	due := time.Now().AddDate(0, 1, 0).Format(time.DateOnly)
	do(t, j.ctx, chromedp.SetValue(chromedp.ID("f-due_on"), due))
	j.click(form + `button[type="submit"]`)
	j.at("Tu plan de desarrollo")
	see(t, j.ctx, "main .notice", "Objetivo añadido a tu plan.")
	see(t, j.ctx, "article.goal h3", goal)
	see(t, j.ctx, "article.goal .tags", "Dar primero")
}

// logAction opens the action log from the development pages' menu and logs an
// introduction made today.
func (j *learnerJourney) logAction() {
	t := j.t
	j.click(`nav.subnav a[href$="/actions"]`)
	j.at("Tu registro de acciones de networking")
	form := `form[action$="/actions"] `
	id := evaluate[string](t, j.ctx, `document.querySelector('`+form+`input[name="type"][value="introduced"]').id`)
	do(t, j.ctx, chromedp.Click(chromedp.CSS(`label[for="`+id+`"]`)))
	j.typeInto(form+`[name="who"]`, "Eva Ramos y Luis Prieto")
	j.typeInto(form+`[name="note"]`, "Los dos buscan socios para el mismo proyecto.")
	j.click(form + `button[type="submit"]`)
	j.at("Tu registro de acciones de networking")
	see(t, j.ctx, "main .notice", "Acción registrada. ¡Sigue así!")
	see(t, j.ctx, "article.entry h3", "Presenté a dos personas")
	see(t, j.ctx, "article.entry", "Eva Ramos y Luis Prieto")
}

// inviteObserver goes home and, from the practice links, asks an observer for feedback.
func (j *learnerJourney) inviteObserver() {
	t := j.t
	j.click(`header .main-nav a[href="/home"]`)
	j.at("Hola, " + journeyName)
	j.click(`main .link-list a[href$="/observers"]`)
	j.at("Pide feedback 360")
	inviteObserverInBrowser(t, j.ctx, "eva.ramos@partner.example", "peer")
	j.at("Pide feedback 360")
	if n := evaluate[int](t, j.ctx, `document.querySelectorAll("table.observers tbody tr").length`); n != 1 {
		t.Fatalf("the observers table has %d rows, want 1", n)
	}
	see(t, j.ctx, "table.observers tbody", "eva.ramos@partner.example")
}

// downloadReport opens the learner's development overview and downloads the PDF report
// with the browser's session.
func (j *learnerJourney) downloadReport() {
	t := j.t
	j.click(`main .breadcrumb a`)
	j.at(journeyName)
	d := fetchLink(t, j.ctx, `main p.downloads a[hreflang="es"]`)
	if d.Status != 200 || d.Type != "application/pdf" || d.Head != "%PDF-" || d.Size < 10_000 {
		t.Fatalf("development report: %+v", d)
	}
	if !strings.Contains(d.Disposition, `filename="informe-de-desarrollo-rocio-fuentes-es.pdf"`) {
		t.Errorf("the report is offered as %q", d.Disposition)
	}
}
