package web

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
)

// The framework editor is one plain form: every competency with its items
// in both wordings, a few blank slots to add more, and the open questions.
// Clearing an item's texts (or a competency's name and items) removes it.
// Inputs are named c{i}_name, c{i}_{j}_self, q{k}_text...; keys of
// existing parts travel in hidden inputs, new parts get keys made from
// their names.

// Blank slots offered per page load: enough to build up a framework in a
// few saves without JavaScript.
const (
	blankItems     = 2
	blankComps     = 1
	blankQuestions = 2
)

type editItem struct {
	Idx         int
	Key         string
	Self, Other string
}

type editComp struct {
	Idx         int
	Key         string
	Name, Desc  string
	Items       []editItem
	ItemsPosted int
}

type editQuestion struct {
	Idx  int
	Key  string
	Text string
}

type frameworkEditData struct {
	Framework *rapport.Framework
	UsedBy    int
	Comps     []editComp
	Questions []editQuestion
	Labels    []string
}

// editorFromFramework lays a framework out in the editor, with blank slots.
func editorFromFramework(f *rapport.Framework) ([]editComp, []editQuestion) {
	var comps []editComp
	for i, c := range f.Competencies {
		ec := editComp{Idx: i, Key: c.Key, Name: c.Name, Desc: c.Description}
		for j, it := range c.Items {
			ec.Items = append(ec.Items, editItem{Idx: j, Key: it.Key, Self: it.TextSelf, Other: it.TextOther})
		}
		comps = append(comps, ec)
	}
	var qs []editQuestion
	for k, q := range f.OpenQuestions {
		qs = append(qs, editQuestion{Idx: k, Key: q.Key, Text: q.Text})
	}
	return withBlanks(comps, qs)
}

func withBlanks(comps []editComp, qs []editQuestion) ([]editComp, []editQuestion) {
	for i := range comps {
		for b := 0; b < blankItems; b++ {
			comps[i].Items = append(comps[i].Items, editItem{Idx: len(comps[i].Items)})
		}
	}
	for b := 0; b < blankComps; b++ {
		ec := editComp{Idx: len(comps)}
		for j := 0; j < blankItems+1; j++ {
			ec.Items = append(ec.Items, editItem{Idx: j})
		}
		comps = append(comps, ec)
	}
	for b := 0; b < blankQuestions; b++ {
		qs = append(qs, editQuestion{Idx: len(qs)})
	}
	return comps, qs
}

func (s *Server) editFrameworkPage(c *gin.Context) {
	d, ok := s.coachFramework(c)
	if !ok {
		return
	}
	f := newForm(map[string]string{"name": d.Framework.Name, "description": d.Framework.Description})
	comps, qs := editorFromFramework(d.Framework)
	s.renderFrameworkEdit(c, http.StatusOK, f, frameworkEditData{Framework: d.Framework, UsedBy: d.UsedBy,
		Comps: comps, Questions: qs, Labels: d.Framework.Scale.Labels})
}

func (s *Server) renderFrameworkEdit(c *gin.Context, status int, f *form, d frameworkEditData) {
	if d.Framework.Builtin {
		f.Message = "Built-in frameworks cannot be changed. Duplicate it and edit the copy."
	} else if d.UsedBy > 0 {
		f.Message = fmt.Sprintf("This framework is used by %d round(s), so it can no longer change. Duplicate it and edit the copy.", d.UsedBy)
	}
	s.coachView(c, status, "framework_edit", "frameworks", "Edit "+d.Framework.Name, f, d)
}

func (s *Server) updateFrameworkForm(c *gin.Context) {
	d, ok := s.coachFramework(c)
	if !ok {
		return
	}
	f := postedForm(c, "name", "description")
	fw, comps, qs, labels, fieldOf := parseFrameworkEditor(c, d.Framework)
	_, err := s.store.UpdateFramework(c.Request.Context(), coachOf(c), d.Framework.Key, fw)
	if err != nil {
		if !s.formFault(c, err) {
			return
		}
		f.setError(framedFaults(err, fieldOf, f))
		comps, qs = withBlanks(comps, qs)
		s.renderFrameworkEdit(c, statusOf(err), f, frameworkEditData{Framework: d.Framework, UsedBy: d.UsedBy,
			Comps: comps, Questions: qs, Labels: labels})
		return
	}
	s.flashRedirect(c, "Framework saved.", "/frameworks/"+d.Framework.Key)
}

// framedFaults points each fault of a refused framework at the input it
// came from (registering that input on the form); faults of no input are
// kept for the form's message. With several, a summary comes first.
func framedFaults(err error, fieldOf map[string]string, f *form) error {
	faults := rapport.ErrorFaults(err)
	if len(faults) == 0 {
		return err
	}
	var v rapport.Faults
	if len(faults) > 1 {
		v.Add(rapport.Errorf(rapport.EINVALID, "Please correct the %d highlighted fields.", len(faults)))
	}
	for _, ff := range faults {
		if name, ok := fieldOf[ff.Field]; ok {
			if _, posted := f.Values[name]; !posted {
				f.Values[name] = "posted"
			}
			ff.Field = name
		} else {
			ff.Field = ""
		}
		if ff.Field == "" || !v.Has(ff.Field) {
			v.Add(rapport.FieldError(ff.Field, "%s", ff.Message))
		}
	}
	return v.Err()
}

// parseFrameworkEditor reads the editor form into a framework, dropping
// cleared parts. It also returns what was posted (to show again if
// refused) and, for each validation path of the framework (such as
// competencies[0].items[1].text_self), the input it came from.
func parseFrameworkEditor(c *gin.Context, cur *rapport.Framework) (*rapport.Framework, []editComp, []editQuestion, []string, map[string]string) {
	fw := &rapport.Framework{Key: cur.Key, Name: c.PostForm("name"), Description: c.PostForm("description"),
		Scale: rapport.Scale{Min: cur.Scale.Min, Max: cur.Scale.Max}}
	fieldOf := map[string]string{"name": "name", "description": "description"}
	var labels []string
	for i := range cur.Scale.Labels {
		name := fmt.Sprintf("label_%d", i)
		labels = append(labels, c.PostForm(name))
		fieldOf[fmt.Sprintf("scale.labels[%d]", i)] = name
	}
	fw.Scale.Labels = labels
	var comps []editComp
	used := map[string]bool{}
	for i := 0; i < 50; i++ {
		p := fmt.Sprintf("c%d_", i)
		if _, ok := c.GetPostForm(p + "name"); !ok {
			break
		}
		ec := editComp{Idx: len(comps), Key: c.PostForm(p + "key"), Name: c.PostForm(p + "name"), Desc: c.PostForm(p + "desc")}
		comp := rapport.Competency{Key: ec.Key, Name: strings.TrimSpace(ec.Name), Description: ec.Desc}
		ci := len(fw.Competencies)
		for j := 0; j < 50; j++ {
			q := fmt.Sprintf("%s%d_", p, j)
			if _, ok := c.GetPostForm(q + "self"); !ok {
				break
			}
			it := editItem{Idx: len(ec.Items), Key: c.PostForm(q + "key"), Self: c.PostForm(q + "self"), Other: c.PostForm(q + "other")}
			if strings.TrimSpace(it.Self) == "" && strings.TrimSpace(it.Other) == "" {
				continue // cleared or never filled: not part of the framework
			}
			if it.Key == "" {
				it.Key = uniqueKey("item", it.Self, used)
			}
			used[it.Key] = true
			path := fmt.Sprintf("competencies[%d].items[%d].", ci, len(comp.Items))
			fieldOf[path+"text_self"] = fmt.Sprintf("c%d_%d_self", ec.Idx, it.Idx)
			fieldOf[path+"text_other"] = fmt.Sprintf("c%d_%d_other", ec.Idx, it.Idx)
			fieldOf[path+"key"] = fmt.Sprintf("c%d_%d_self", ec.Idx, it.Idx)
			comp.Items = append(comp.Items, rapport.Item{Key: it.Key, TextSelf: it.Self, TextOther: it.Other})
			ec.Items = append(ec.Items, it)
		}
		if comp.Name == "" && len(comp.Items) == 0 {
			continue
		}
		if ec.Key == "" {
			ec.Key = uniqueKey("competency", comp.Name, used)
			comp.Key = ec.Key
		}
		used[ec.Key] = true
		path := fmt.Sprintf("competencies[%d].", ci)
		fieldOf[path+"name"] = fmt.Sprintf("c%d_name", ec.Idx)
		fieldOf[path+"key"] = fmt.Sprintf("c%d_name", ec.Idx)
		fieldOf[path+"description"] = fmt.Sprintf("c%d_desc", ec.Idx)
		fieldOf[path+"items"] = fmt.Sprintf("c%d_name", ec.Idx)
		fw.Competencies = append(fw.Competencies, comp)
		comps = append(comps, ec)
	}
	var qs []editQuestion
	for k := 0; k < 50; k++ {
		p := fmt.Sprintf("q%d_", k)
		text, ok := c.GetPostForm(p + "text")
		if !ok {
			break
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		eq := editQuestion{Idx: len(qs), Key: c.PostForm(p + "key"), Text: text}
		if eq.Key == "" {
			eq.Key = uniqueKey("question", text, used)
		}
		used[eq.Key] = true
		fieldOf[fmt.Sprintf("open_questions[%d].text", len(fw.OpenQuestions))] = fmt.Sprintf("q%d_text", eq.Idx)
		fw.OpenQuestions = append(fw.OpenQuestions, rapport.OpenQuestion{Key: eq.Key, Text: text})
		qs = append(qs, eq)
	}
	return fw, comps, qs, labels, fieldOf
}

var nonKey = regexp.MustCompile(`[^a-z0-9]+`)

// uniqueKey makes a key from the first words of a text ("Listens well" →
// "listens-well"), unique among used.
func uniqueKey(prefix, text string, used map[string]bool) string {
	base := strings.Trim(nonKey.ReplaceAllString(strings.ToLower(text), "-"), "-")
	if len(base) > 30 {
		base = strings.TrimRight(base[:30], "-")
	}
	if base == "" || !rapport.ValidKey(base) {
		base = prefix
	}
	key := base
	for n := 2; used[key]; n++ {
		key = base + "-" + strconv.Itoa(n)
	}
	return key
}
