package reports

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/reports/internal/pdftest"
)

func TestGroupReportsAreDeterministic(t *testing.T) {
	r := newRenderer(t)
	cohort, org := sampleCohort(t), sampleOrganisation(t, 120)
	for _, lang := range Languages() {
		for name, draw := range map[string]func(*Renderer) ([]byte, error){
			"cohort":       func(r *Renderer) ([]byte, error) { return r.CohortReport(cohort, lang) },
			"organisation": func(r *Renderer) ([]byte, error) { return r.OrganisationReport(org, lang) },
		} {
			a, err := draw(r)
			if err != nil {
				t.Fatalf("%s %s: %v", name, lang, err)
			}
			b, _ := draw(r)
			c, _ := draw(newRenderer(t))
			if !bytes.Equal(a, b) || !bytes.Equal(a, c) {
				t.Errorf("%s %s: the same data and clock give other bytes", name, lang)
			}
		}
	}
}

func TestCohortReportIsValidAndExtractsIntact(t *testing.T) {
	r := newRenderer(t)
	data := sampleCohort(t)
	want := map[string][]string{
		Spanish: {"Seguimiento del grupo", "Liderazgo · primavera 2026 (Madrid y Valencia)", "Consultora Ibérica de Talento y Desarrollo, S.L.",
			"5 de marzo de 2026", "Irene Beltrán, Marc Soler", "Progreso del grupo", "Mapa de calor", "Contar cómo resuelves problemas",
			"Distribución por dimensión", "Quién necesita atención", "2 objetivos vencidos", "No ha empezado la autoevaluación",
			"Sin actividad en los últimos 14 días", "Página 2 de"},
		English: {"How the cohort is doing", "5 March 2026", "Heat map", "Problem-solving pitch", "Distribution by dimension",
			"Who needs attention", "2 overdue goals", "Self-assessment not started", "Page 2 of"},
	}
	for _, lang := range Languages() {
		doc, err := r.CohortReport(data, lang)
		if err != nil {
			t.Fatal(err)
		}
		pdftest.Check(t, doc)
		text := pdftest.Squash(pdftest.Text(t, doc))
		for _, w := range want[lang] {
			if !strings.Contains(text, w) {
				t.Errorf("%s: pdftotext does not give %q", lang, w)
			}
		}
		for _, l := range data.Learners {
			if !strings.Contains(text, l.Name) {
				t.Errorf("%s: the learner %q is missing", lang, l.Name)
			}
		}
		if lang == Spanish && strings.Contains(text, "Heat map") {
			t.Error("English text in the Spanish report")
		}
	}
}

func TestOrganisationReportIsValidAndExtractsIntact(t *testing.T) {
	r := newRenderer(t)
	data := sampleOrganisation(t, 240)
	want := map[string][]string{
		Spanish: {"Competencia en networking", "Consultora Ibérica de Talento y Desarrollo, S.L.", "5 de marzo de 2026", "Participación",
			"Toda la organización", "Dirección", "Menos de 5 personas: no se desglosa", "Resultados por dimensión", "Fortalezas de la organización",
			"Áreas de mejora", "Resultados por grupo", "Grupos que no se desglosan", "Evolución", "Mejora fiable por grupo",
			"Anexo: fiabilidad del instrumento", "Menos de 5 personas o respuestas completas: no se muestra", "Página 2 de"},
		English: {"Networking competency", "5 March 2026", "Whole organisation", "Fewer than 5 people: not broken out", "Strengths and gaps",
			"Results by cohort", "Change over time", "Appendix: reliability of the instrument", "Alpha (RCI)"},
	}
	for _, lang := range Languages() {
		doc, err := r.OrganisationReport(data, lang)
		if err != nil {
			t.Fatal(err)
		}
		pdftest.Check(t, doc)
		text := pdftest.Squash(pdftest.Text(t, doc))
		for _, w := range want[lang] {
			if !strings.Contains(text, w) {
				t.Errorf("%s: pdftotext does not give %q", lang, w)
			}
		}
		// Aggregates only: no learner is named.
		for _, n := range sampleNames {
			if strings.Contains(text, n) {
				t.Errorf("%s: the organisation report names %q", lang, n)
			}
		}
	}
}

// TestSmallGroupsAreNotBrokenOut: a cohort of fewer than five learners shows nothing but
// its name, and an organisation of fewer than five shows no results at all.
func TestSmallGroupsAreNotBrokenOut(t *testing.T) {
	data := sampleOrganisation(t, 240)
	small := data.Cohorts[3]
	if small.BrokenOut || small.Learners != 3 || small.Participation.Learners != 0 || small.Dimensions != nil {
		t.Fatalf("small cohort = %+v", small)
	}
	for _, c := range data.Cohorts[:3] {
		if !c.BrokenOut || !c.Dimensions[0].Shown {
			t.Errorf("cohort %s = %+v", c.Name, c)
		}
	}

	tiny := sampleOrganisation(t, 4)
	for k, d := range tiny.Dimensions {
		if d.Shown || d.Mean != 0 || d.Bands != nil || tiny.Change[k].Shown || tiny.Change[k].Improved != 0 {
			t.Errorf("a dimension of four people is shown: %+v %+v", d, tiny.Change[k])
		}
	}
	if len(tiny.Strengths) != 0 || len(tiny.Gaps) != 0 {
		t.Errorf("strengths %v and gaps %v of four people", tiny.Strengths, tiny.Gaps)
	}
	doc, err := newRenderer(t).OrganisationReport(tiny, Spanish)
	if err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, doc)
	text := pdftest.Squash(pdftest.Text(t, doc))
	if !strings.Contains(text, "Menos de 5 personas: no se muestra") || strings.Contains(text, "Fortalezas de la organización") {
		t.Errorf("tiny organisation: %s", text)
	}
}

func TestGroupReportsPageBreaksNeverSplitRowsOrCharts(t *testing.T) {
	r := newRenderer(t)
	cohort := sampleCohort(t)
	inst := cohort.Instrument
	facts := synthetic(inst, 70, 3)
	big := cohortData(inst, facts, nil)
	big.Cohort, big.Organisation, big.GeneratedAt = cohort.Cohort, cohort.Organisation, fixedNow
	org := sampleOrganisation(t, 300)
	for i := range 40 {
		c := org.Cohorts[i%3]
		c.Name = fmt.Sprintf("Grupo %02d con un nombre bastante largo que obliga a partirlo en dos líneas", i)
		org.Cohorts = append(org.Cohorts, c)
	}
	for name, draw := range map[string]func() (*builder, error){
		"cohort":       func() (*builder, error) { return r.drawCohortReport(big, Spanish) },
		"organisation": func() (*builder, error) { return r.drawOrganisationReport(org, Spanish) },
	} {
		b, err := draw()
		if err != nil {
			t.Fatal(err)
		}
		_, pageH := b.d.PageSize()
		bottom := pageH - b.d.Margins().Bottom
		headers := map[string]map[int]bool{}
		rows := 0
		for _, p := range b.d.Placements() {
			if p.Bottom > bottom+1e-9 || p.Top < b.d.Margins().Top {
				t.Errorf("%s: %s %q crosses a page edge: %.1f–%.1f mm on page %d", name, p.Kind, p.Label, p.Top, p.Bottom, p.Page)
			}
			switch p.Kind {
			case "table-header":
				if headers[p.Label] == nil {
					headers[p.Label] = map[int]bool{}
				}
				headers[p.Label][p.Page] = true
			case "row":
				rows++
			}
		}
		doc, err := b.finish()
		if err != nil {
			t.Fatal(err)
		}
		pdftest.Check(t, doc)
		t.Logf("%s: %d rows, %d pages, %d bytes", name, rows, b.d.Pages(), len(doc))
		long := map[string]string{"cohort": "heatmap", "organisation": "cohorts"}[name]
		if len(headers[long]) < 2 {
			t.Errorf("%s: the %s table does not run over pages (header on %v)", name, long, headers[long])
		}
	}
}

func TestGroupReportsWithoutData(t *testing.T) {
	r := newRenderer(t)
	empty := CohortReportData{Cohort: CohortInfo{Name: "Nuevo grupo"}, Organisation: Organisation{Name: "Acme"}, InactiveDays: InactiveDays}
	doc, err := r.CohortReport(empty, Spanish)
	if err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, doc)
	if text := pdftest.Squash(pdftest.Text(t, doc)); !strings.Contains(text, "Este grupo todavía no tiene participantes") ||
		!strings.Contains(text, "Nadie del grupo ha completado todavía la autoevaluación") || !strings.Contains(text, "Sin coach asignado") {
		t.Errorf("empty cohort: %s", text)
	}
	unassessed := sampleCohort(t)
	for i := range unassessed.Learners {
		unassessed.Learners[i].AssessedAt = nil
	}
	if doc, err = r.CohortReport(unassessed, English); err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, doc)

	doc, err = r.OrganisationReport(OrganisationReportData{Organisation: Organisation{Name: "Acme"}}, English)
	if err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, doc)
	if text := pdftest.Squash(pdftest.Text(t, doc)); !strings.Contains(text, "The organisation has no learners yet") ||
		!strings.Contains(text, "Nobody in the organisation has completed the self-assessment yet") {
		t.Errorf("empty organisation: %s", text)
	}
	if _, err := r.OrganisationReport(OrganisationReportData{}, "fr"); err == nil {
		t.Error("French accepted")
	}
}
