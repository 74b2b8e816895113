package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/framework"
	"github.com/rapporthq/rapport/internal/rapport"
)

type frameworksData struct {
	Builtin []rapport.Framework
	Own     []rapport.Framework
}

func (s *Server) frameworksPage(c *gin.Context) {
	list, err := s.store.Frameworks(c.Request.Context(), coachOf(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	var d frameworksData
	d.Builtin, d.Own = splitFrameworks(list)
	s.coachView(c, http.StatusOK, "frameworks", "frameworks", "Frameworks", nil, d)
}

type frameworkData struct {
	Framework *rapport.Framework
	UsedBy    int
}

// coachFramework loads the framework named in the path, built-in or the
// coach's own; another coach's is not found.
func (s *Server) coachFramework(c *gin.Context) (*frameworkData, bool) {
	f, err := s.store.Framework(c.Request.Context(), coachOf(c), c.Param("key"))
	if err != nil {
		s.fail(c, err)
		return nil, false
	}
	n, err := s.store.FrameworkInUse(c.Request.Context(), f.ID)
	if err != nil {
		s.fail(c, err)
		return nil, false
	}
	return &frameworkData{Framework: f, UsedBy: n}, true
}

func (s *Server) frameworkPage(c *gin.Context) {
	d, ok := s.coachFramework(c)
	if !ok {
		return
	}
	s.coachView(c, http.StatusOK, "framework", "frameworks", d.Framework.Name, nil, d)
}

// exportFramework downloads a framework as JSON, in the shape POST
// /api/v1/frameworks and the import page take.
func (s *Server) exportFramework(c *gin.Context) {
	d, ok := s.coachFramework(c)
	if !ok {
		return
	}
	b, err := json.MarshalIndent(d.Framework, "", "  ")
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+d.Framework.Key+`.json"`)
	c.Data(http.StatusOK, "application/json; charset=utf-8", append(b, '\n'))
}

func (s *Server) duplicateFrameworkPage(c *gin.Context) {
	d, ok := s.coachFramework(c)
	if !ok {
		return
	}
	f := newForm(map[string]string{"key": d.Framework.Key + "-copy", "name": d.Framework.Name + " (copy)"})
	s.coachView(c, http.StatusOK, "framework_duplicate", "frameworks", "Duplicate "+d.Framework.Name, f, d)
}

func (s *Server) duplicateFrameworkForm(c *gin.Context) {
	d, ok := s.coachFramework(c)
	if !ok {
		return
	}
	f := postedForm(c, "key", "name")
	cp, err := s.store.DuplicateFramework(c.Request.Context(), coachOf(c), d.Framework.Key, strings.TrimSpace(f.Get("key")), f.Get("name"))
	if err != nil {
		if !s.formFault(c, err) {
			return
		}
		f.setError(err)
		s.coachView(c, statusOf(err), "framework_duplicate", "frameworks", "Duplicate "+d.Framework.Name, f, d)
		return
	}
	s.flashRedirect(c, "Copied. Edit the copy to make it yours.", "/frameworks/"+cp.Key+"/edit")
}

func (s *Server) importFrameworkPage(c *gin.Context) {
	s.coachView(c, http.StatusOK, "framework_import", "frameworks", "Import a framework", nil, nil)
}

// importFrameworkForm creates a framework from JSON pasted or uploaded.
func (s *Server) importFrameworkForm(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxBodyBytes+8<<10)
	f := newForm(map[string]string{"json": c.PostForm("json")})
	text := f.Get("json")
	if fh, err := c.FormFile("file"); err == nil && fh.Size > 0 {
		if file, err := fh.Open(); err == nil {
			b, _ := io.ReadAll(io.LimitReader(file, maxBodyBytes))
			file.Close()
			text = string(b)
		}
	}
	var fw *rapport.Framework
	var err error
	if strings.TrimSpace(text) == "" {
		err = rapport.FieldError("json", "Paste the framework's JSON or choose a .json file.")
	} else if fw, err = framework.Decode(bytes.NewReader([]byte(text))); err == nil {
		fw, err = s.store.CreateFramework(c.Request.Context(), coachOf(c), fw)
	}
	if err != nil {
		if !s.formFault(c, err) {
			return
		}
		// One input holds the whole framework: every fault is told there,
		// each naming where in the framework it is.
		var all rapport.Faults
		all.Add(err)
		fault := &rapport.Error{Code: rapport.ErrorCode(err), Field: "json", Message: all.Sentence()}
		if fault.Code == rapport.EMALFORMED {
			// The form was read; it is the pasted text that is wrong.
			fault.Code = rapport.EINVALID
		}
		f.setError(fault)
		s.coachView(c, statusOf(fault), "framework_import", "frameworks", "Import a framework", f, nil)
		return
	}
	s.flashRedirect(c, fw.Name+" was imported.", "/frameworks/"+fw.Key)
}
