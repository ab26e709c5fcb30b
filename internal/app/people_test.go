package app_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
)

var invitationLink = regexp.MustCompile(`http://academy\.test/invitations/([A-Za-z0-9_-]+)`)

func TestInviteAcceptAndReuse(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		admin := s.Login("admin@acme.example")
		org := orgID(t, s, "acme")
		cohort := cohortID(t, s, "Desarrollo de negocio 2026")

		// Invalid input: every problem reported, nothing stored.
		resp := admin.PostForm("/orgs/"+org+"/people/invite", url.Values{"email": {"not an email"}, "name": {""}, "role": {"admin"}})
		body := apptest.Body(resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Escribe una dirección de correo válida") ||
			!strings.Contains(body, "Este campo es obligatorio.") || !strings.Contains(body, "Elige una de las opciones.") {
			t.Fatalf("invalid invite: %d", resp.StatusCode)
		}
		// An email that exists in another organisation is taken.
		resp = admin.PostForm("/orgs/"+org+"/people/invite", url.Values{"email": {"learner1@globex.example"}, "name": {"X"}, "role": {"learner"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(apptest.Body(resp), "Ya está en uso.") {
			t.Fatalf("taken email: %d", resp.StatusCode)
		}
		before := countRows(t, s, "users", "1 = 1")

		resp = admin.PostForm("/orgs/"+org+"/people/invite", url.Values{
			"email": {"Nerea.Campos@Acme.example"}, "name": {"Nerea Campos"}, "role": {"learner"}, "locale": {"en"}, "cohort_id": {cohort},
		})
		body = apptest.Body(resp)
		m := invitationLink.FindStringSubmatch(body)
		if resp.StatusCode != http.StatusCreated || m == nil {
			t.Fatalf("invite: %d, link found: %v", resp.StatusCode, m != nil)
		}
		if after := countRows(t, s, "users", "1 = 1"); after != before+1 {
			t.Fatalf("users %d → %d", before, after)
		}
		if n := countRows(t, s, "cohort_members", "cohort_id = ? AND user_id = ?", cohort, userID(t, s, "nerea.campos@acme.example")); n != 1 {
			t.Fatal("invited learner not in the cohort")
		}
		link := "/invitations/" + m[1]

		// A pending person cannot sign in yet.
		if resp := s.NewClient().PostForm("/login", url.Values{"email": {"nerea.campos@acme.example"}, "password": {"anything-at-all"}}); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("pending sign-in: %d", resp.StatusCode)
		}

		invitee := s.NewClient()
		if body := apptest.Body(invitee.Get(link)); !strings.Contains(body, "Hello Nerea Campos, activate your account") {
			t.Fatal("invitation page is not in the invitee's language")
		}
		resp = invitee.PostForm(link, url.Values{"password": {"short"}, "password_confirm": {"short"}, "locale": {"en"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(apptest.Body(resp), "Too short: at least 10 characters.") {
			t.Fatalf("short password: %d", resp.StatusCode)
		}
		resp = invitee.PostForm(link, url.Values{"password": {"a good long password"}, "password_confirm": {"a different one"}, "locale": {"en"}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("mismatch: %d", resp.StatusCode)
		}
		resp = invitee.PostForm(link, url.Values{"password": {"a good long password"}, "password_confirm": {"a good long password"}, "locale": {"en"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/home?done=welcome" {
			t.Fatalf("accept: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		if body := apptest.Body(invitee.Get("/home?done=welcome")); !strings.Contains(body, "Welcome to Academy!") || !strings.Contains(body, "Desarrollo de negocio 2026") {
			t.Fatal("new learner's home")
		}
		// The link works once.
		if resp := s.NewClient().Get(link); resp.StatusCode != http.StatusGone {
			t.Fatalf("reused link: %d", resp.StatusCode)
		}
		if resp := s.NewClient().PostForm(link, url.Values{"password": {"another password!"}, "password_confirm": {"another password!"}}); resp.StatusCode != http.StatusGone {
			t.Fatalf("reused link post: %d", resp.StatusCode)
		}
		if resp := s.NewClient().Get("/invitations/unknown-token"); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("unknown link: %d", resp.StatusCode)
		}
	})
}

func upload(t *testing.T, c *apptest.Client, path, csrfToken, content string) *http.Response {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("_csrf", csrfToken)
	f, _ := w.CreateFormFile("file", "people.csv")
	_, _ = f.Write([]byte(content))
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.Do(req)
}

func TestImportPeopleFromCSV(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		admin := s.Login("admin@acme.example")
		path := "/orgs/" + orgID(t, s, "acme") + "/people/import"
		token := csrfOf(t, admin)
		users, cohorts := countRows(t, s, "users", "1 = 1"), countRows(t, s, "cohorts", "1 = 1")

		bad := "email,name,role,cohort\n" +
			"ok.person@acme.example,Ok Person,learner,Nuevo grupo\n" +
			"broken-email,Someone,learner,\n" +
			"ok.person@acme.example,Twice,learner,\n" +
			"learner1@globex.example,Foreign,learner,\n" +
			"boss@acme.example,Boss,org_admin,Nuevo grupo\n" +
			"x@acme.example,,wizard,\n"
		resp := upload(t, admin, path, token, bad)
		body := apptest.Body(resp)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad file: %d", resp.StatusCode)
		}
		for _, want := range []string{"No se ha importado nada", "Hay 5 filas con errores", "Este correo ya aparece en la línea 2.",
			"Ya está en uso.", "Las personas que administran la organización no se asignan a un grupo.", "Elige una de las opciones."} {
			if !strings.Contains(body, want) {
				t.Errorf("report lacks %q", want)
			}
		}
		if u, c := countRows(t, s, "users", "1 = 1"), countRows(t, s, "cohorts", "1 = 1"); u != users || c != cohorts {
			t.Fatalf("a bad file changed data: users %d→%d cohorts %d→%d", users, u, cohorts, c)
		}
		for _, file := range []string{"", "nombre;correo\nx;y\n", "email,name,role,cohort\n\"unclosed,quote\n", "email,name,role,cohort\n\xff\xfe,bad,learner,\n"} {
			resp := upload(t, admin, path, token, file)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("file %q: %d", file, resp.StatusCode)
			}
		}

		good := "\ufeffemail;name;role;cohort\n" +
			"irene.sanz@acme.example;Irene Sanz;learner;Nuevo grupo\n" +
			"tomas.gil@acme.example;Tomás Gil;coach;Nuevo grupo\n" +
			"learner1@acme.example;Lucía Martín;learner;Nuevo grupo\n"
		resp = upload(t, admin, path, token, good)
		body = apptest.Body(resp)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Importadas 3 personas.") || !strings.Contains(body, "Nuevo grupo") {
			t.Fatalf("good file: %d", resp.StatusCode)
		}
		if got := len(invitationLink.FindAllString(body, -1)); got != 2 {
			t.Fatalf("%d invitation links shown, want 2 (for the new people)", got)
		}
		newCohort := cohortID(t, s, "Nuevo grupo")
		if n := countRows(t, s, "cohort_members", "cohort_id = ?", newCohort); n != 2 {
			t.Fatalf("new cohort has %d learners", n)
		}
		if n := countRows(t, s, "cohort_coaches", "cohort_id = ?", newCohort); n != 1 {
			t.Fatalf("new cohort has %d coaches", n)
		}
		// A learner may not import.
		learner := s.Login("learner1@acme.example")
		if resp := upload(t, learner, path, csrfOf(t, learner), good); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
			t.Fatalf("learner import: %d", resp.StatusCode)
		}
	})
}

func TestCohortManagement(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		admin := s.Login("admin@acme.example")
		org := orgID(t, s, "acme")
		resp := admin.PostForm("/orgs/"+org+"/cohorts", url.Values{"name": {"  Ventas Norte  "}, "description": {"Bilbao y Santander"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d", resp.StatusCode)
		}
		id := cohortID(t, s, "Ventas Norte")
		if resp := admin.PostForm("/orgs/"+org+"/cohorts", url.Values{"name": {"Ventas Norte"}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("duplicate: %d", resp.StatusCode)
		}
		learner, coach := userID(t, s, "learner3@acme.example"), userID(t, s, "coach@acme.example")
		steps := []struct {
			path string
			form url.Values
			want int
		}{
			{"/cohorts/" + id + "/members", url.Values{"user_id": {learner}}, http.StatusSeeOther},
			{"/cohorts/" + id + "/members", url.Values{"user_id": {learner}}, http.StatusSeeOther}, // idempotent
			{"/cohorts/" + id + "/members", url.Values{"user_id": {coach}}, http.StatusUnprocessableEntity},
			{"/cohorts/" + id + "/members", url.Values{"user_id": {userID(t, s, "learner1@globex.example")}}, http.StatusUnprocessableEntity},
			{"/cohorts/" + id + "/coaches", url.Values{"user_id": {coach}}, http.StatusSeeOther},
			{"/cohorts/" + id + "/coaches", url.Values{"user_id": {learner}}, http.StatusUnprocessableEntity},
		}
		for _, st := range steps {
			if resp := admin.PostForm(st.path, st.form); resp.StatusCode != st.want {
				t.Errorf("POST %s %v: %d, want %d", st.path, st.form, resp.StatusCode, st.want)
			}
		}
		if n := countRows(t, s, "cohort_members", "cohort_id = ?", id); n != 1 {
			t.Fatalf("members = %d", n)
		}
		// The coach now sees the learner; after removal, no more.
		coachClient := s.Login("coach@acme.example")
		if resp := coachClient.Get("/cohorts/" + id); resp.StatusCode != http.StatusOK {
			t.Fatalf("coach view: %d", resp.StatusCode)
		}
		if resp := admin.PostForm("/cohorts/"+id+"/coaches/"+coach+"/remove", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("unassign: %d", resp.StatusCode)
		}
		if resp := coachClient.Get("/cohorts/" + id); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("coach view after removal: %d", resp.StatusCode)
		}
		if resp := admin.PostForm("/cohorts/"+id+"/members/"+learner+"/remove", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("remove: %d", resp.StatusCode)
		}
		if n := countRows(t, s, "cohort_members", "cohort_id = ?", id); n != 0 {
			t.Fatalf("members after removal = %d", n)
		}
	})
}
