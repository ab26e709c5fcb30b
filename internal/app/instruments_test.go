package app_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/api"
	"github.com/academy-platform/academy/internal/app/apptest"
)

func uploadFields(t *testing.T, c *apptest.Client, path string, fields map[string]string, fileName, content string) *http.Response {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("_csrf", csrfOf(t, c))
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	f, _ := w.CreateFormFile("file", fileName)
	_, _ = f.Write([]byte(content))
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.Do(req)
}

func TestCustomInstrumentUpload(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		admin := s.Login("admin@acme.example")
		path := "/orgs/" + orgID(t, s, "acme") + "/instruments"
		good, err := os.ReadFile("testdata/customer-framework.yaml")
		if err != nil {
			t.Fatal(err)
		}
		before := countRows(t, s, "instruments", "1 = 1")
		broken := strings.Replace(string(good), "  - {id: d2, dimension: discovery,", "  - {id: d2, dimension: nowhere, colour: red,", 1)
		resp := uploadFields(t, admin, path, nil, "framework.yaml", broken)
		body := apptest.Body(resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "El archivo tiene errores") || !strings.Contains(body, "Línea 20") {
			t.Fatalf("broken file: %d", resp.StatusCode)
		}
		if n := countRows(t, s, "instruments", "1 = 1"); n != before {
			t.Fatalf("a broken file stored an instrument")
		}
		resp = uploadFields(t, admin, path, nil, "framework.yaml", string(good))
		if body := apptest.Body(resp); resp.StatusCode != http.StatusCreated || !strings.Contains(body, "Añadido customer-framework, versión 1.") {
			t.Fatalf("good file: %d", resp.StatusCode)
		}
		if resp := uploadFields(t, admin, path, nil, "framework.yaml", string(good)); resp.StatusCode != http.StatusOK {
			t.Fatalf("same file again: %d", resp.StatusCode)
		}
		changed := strings.Replace(string(good), "I follow up within two working days.", "I follow up within one working day.", 1)
		if resp := uploadFields(t, admin, path, nil, "framework.yaml", changed); resp.StatusCode != http.StatusConflict {
			t.Fatalf("changed content, same version: %d", resp.StatusCode)
		}
		v2 := strings.Replace(changed, "version: 1", "version: 2", 1)
		if resp := uploadFields(t, admin, path, nil, "framework.yaml", v2); resp.StatusCode != http.StatusCreated {
			t.Fatalf("version 2: %d", resp.StatusCode)
		}
		// acme's learners are offered it once it is assigned to their cohort; globex's never.
		_, body2 := s.API(s.Token("learner1@acme.example"), http.MethodGet, "/api/v1/instruments", nil)
		if strings.Contains(string(body2), "customer-framework") {
			t.Fatalf("an unassigned instrument is offered: %s", body2)
		}
		learner := s.Login("learner1@acme.example")
		if resp := learner.PostForm("/assessments", url.Values{"instrument": {"customer-framework"}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("start an unassigned instrument: %d", resp.StatusCode)
		}
		cohort := cohortID(t, s, "Desarrollo de negocio 2026")
		if resp := admin.PostForm(path+"/customer-framework/cohorts", url.Values{"cohort_id": {cohortID(t, s, "Business development")}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("assign to another organisation's cohort: %d", resp.StatusCode)
		}
		if resp := admin.PostForm(path+"/customer-framework/cohorts", url.Values{"cohort_id": {cohort}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("assign: %d", resp.StatusCode)
		}
		_, body2 = s.API(s.Token("learner1@acme.example"), http.MethodGet, "/api/v1/instruments", nil)
		if !strings.Contains(string(body2), `"key":"customer-framework","version":2`) {
			t.Fatalf("acme learner's instruments: %s", body2)
		}
		if resp := learner.PostForm("/assessments", url.Values{"instrument": {"customer-framework"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("start the assigned instrument: %d", resp.StatusCode)
		}
		if resp := s.Login("learner7@acme.example").PostForm("/assessments", url.Values{"instrument": {"customer-framework"}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("a learner of another cohort starts it: %d", resp.StatusCode)
		}
		if resp := admin.PostForm(path+"/customer-framework/cohorts/"+cohort+"/remove", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("unassign: %d", resp.StatusCode)
		}
		_, body2 = s.API(s.Token("learner1@globex.example"), http.MethodGet, "/api/v1/instruments", nil)
		if strings.Contains(string(body2), "customer-framework") {
			t.Fatal("another organisation sees acme's instrument")
		}
		// The API takes the file too, with the same validation.
		resp2, body3 := s.API(s.Token("admin@globex.example"), http.MethodPost, "/api/v1/instruments", strings.NewReader(broken), "Content-Type", "application/yaml", "Accept-Language", "en")
		if resp2.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body3), "instrument.yaml:20") {
			t.Fatalf("API broken file: %d %s", resp2.StatusCode, body3)
		}
		resp2, _ = s.API(s.Token("admin@globex.example"), http.MethodPost, "/api/v1/instruments", strings.NewReader(string(good)), "Content-Type", "application/yaml")
		if resp2.StatusCode != http.StatusCreated {
			t.Fatalf("API good file: %d", resp2.StatusCode)
		}
		if resp2, _ := s.API(s.Token("coach@globex.example"), http.MethodPost, "/api/v1/instruments", strings.NewReader(string(good)), "Content-Type", "application/yaml"); resp2.StatusCode != http.StatusForbidden {
			t.Fatalf("a coach adds an instrument: %d", resp2.StatusCode)
		}
	})
}

func TestPsychometricsPageAndCSV(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		for _, email := range []string{"learner1@acme.example", "learner2@acme.example", "learner3@acme.example"} {
			submittedAttempt(t, s, email)
		}
		id := builtInInstrument(t, s, "networking-self")
		coach := s.Login("coach@acme.example")
		resp := coach.Get("/instruments/" + id + "/psychometrics")
		// The demo's 12 learners took it twice; three more attempts now.
		if body := apptest.Body(resp); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Intentos de tu organización: 27.") {
			t.Fatalf("page: %d", resp.StatusCode)
		}
		resp = coach.Get("/instruments/" + id + "/psychometrics?format=csv")
		csv := apptest.Body(resp)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") || !strings.Contains(csv, "giving-first") {
			t.Fatalf("csv: %d %q", resp.StatusCode, csv[:min(200, len(csv))])
		}
		if resp := s.Login("learner1@acme.example").Get("/instruments/" + id + "/psychometrics"); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("a learner sees psychometrics: %d", resp.StatusCode)
		}
		r, body := s.API(s.Token("admin@acme.example"), http.MethodGet, "/api/v1/instruments/"+id+"/psychometrics", nil)
		var rel struct {
			Attempts   int `json:"attempts"`
			Dimensions []struct {
				Slug string `json:"slug"`
				N    int    `json:"n"`
			} `json:"dimensions"`
		}
		if err := json.Unmarshal(body, &rel); err != nil || r.StatusCode != http.StatusOK || rel.Attempts != 27 || len(rel.Dimensions) != 8 || rel.Dimensions[0].N != 27 {
			t.Fatalf("API: %d %s", r.StatusCode, body)
		}
	})
}

func TestImportResponsesPage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		id := customInstrument(t, s, "acme")
		admin := s.Login("admin@acme.example")
		path := "/orgs/" + orgID(t, s, "acme") + "/responses/import"
		bad := "email,d1,d2,d3,f1,f2,f3\nlearner1@acme.example,5,4,2,4,4,1\nlearner2@acme.example,9,4,2,4,4,1\nnobody@acme.example,3,3,3,3,3,3\n"
		resp := uploadFields(t, admin, path, map[string]string{"instrument_id": id, "match_users": "1"}, "r.csv", bad)
		body := apptest.Body(resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "«9» está fuera del rango permitido") || !strings.Contains(body, "No hay nadie en la organización con el correo") {
			t.Fatalf("bad file: %d", resp.StatusCode)
		}
		if n := countRows(t, s, "assessment_attempts", "instrument_id = ?", id); n != 0 {
			t.Fatalf("a bad file stored %d attempts", n)
		}
		resp = uploadFields(t, admin, path, map[string]string{"instrument_id": id, "match_users": "1", "skip_invalid": "1"}, "r.csv", bad)
		if body := apptest.Body(resp); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Importadas 1 de 3 filas.") {
			t.Fatalf("skip invalid: %d", resp.StatusCode)
		}
		var attempts []struct{ ID string }
		s.App.DB().Raw("SELECT id FROM assessment_attempts WHERE instrument_id = ?", id).Scan(&attempts)
		if len(attempts) != 1 {
			t.Fatalf("%d attempts stored", len(attempts))
		}
		// The imported attempt is the learner's, scored like an online one.
		r, body2 := s.API(s.Token("learner1@acme.example"), http.MethodGet, "/api/v1/assessments/"+attempts[0].ID+"/results", nil)
		var res api.Results
		if err := json.Unmarshal(body2, &res); err != nil || r.StatusCode != http.StatusOK || len(res.Dimensions) != 2 || res.Dimensions[0].Score == nil {
			t.Fatalf("imported results: %d %s", r.StatusCode, body2)
		}
		// discovery: 5, 4, reverse(2)=4 → mean 4.333 → 83.3
		if got := *res.Dimensions[0].Score; fmt.Sprintf("%.1f", got) != "83.3" {
			t.Fatalf("discovery score = %v, want 83.3", got)
		}
		if resp := uploadFields(t, s.Login("coach@acme.example"), path, map[string]string{"instrument_id": id}, "r.csv", bad); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("a coach imports: %d", resp.StatusCode)
		}
	})
}
