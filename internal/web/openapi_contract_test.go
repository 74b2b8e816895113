package web_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/rapporthq/rapport/internal/testkit"
)

// specPath is the OpenAPI description that the API's real traffic is held to.
const specPath = "docs/openapi.yaml"

var defineFormats sync.Once

// contract sends requests to a running app and checks each request and
// response against docs/openapi.yaml.
type contract struct {
	t      *testing.T
	app    *testkit.App
	doc    *openapi3.T
	router routers.Router
	// exercised holds "METHOD /path" of every documented operation that
	// answered a request the spec accepts with a 2xx.
	exercised map[string]bool
}

// loadSpec reads and validates the spec.
func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	defineFormats.Do(func() {
		// kin-openapi leaves "email" unchecked unless asked; its loose pattern
		// is enough to catch a response that is not an address at all.
		openapi3.DefineStringFormatValidator("email", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForEmail))
		openapi3filter.RegisterBodyDecoder("application/pdf", openapi3filter.FileBodyDecoder)
		openapi3filter.RegisterBodyDecoder("application/zip", openapi3filter.FileBodyDecoder)
	})
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(filepath.Join(testkit.RepoRoot(t), specPath))
	if err != nil {
		t.Fatalf("%s does not load: %v", specPath, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("%s is not a valid OpenAPI document: %v", specPath, err)
	}
	return doc
}

func newContract(t *testing.T, app *testkit.App) *contract {
	doc := loadSpec(t)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("routing %s: %v", specPath, err)
	}
	return &contract{t: t, app: app, doc: doc, router: router, exercised: map[string]bool{}}
}

// call is one request of the sequence.
type call struct {
	name   string // what the call shows, for messages
	method string
	path   string // from the root, e.g. /api/v1/leaders
	token  string
	body   any // nil, a string or []byte sent as is, or a value sent as JSON
	// contentType is the body's, when not JSON (a CSV import).
	contentType string
	status      int // the status the server must answer
	// offSpec marks a request that deliberately breaks the documented
	// contract (bad JSON, unknown field, no token...): the spec must refuse
	// it too, and the server's answer must still match the spec.
	offSpec bool
}

// do sends c and checks the request, the status and the response.
func (k *contract) do(c call) *testkit.Response {
	t := k.t
	t.Helper()
	label := c.method + " " + c.path + " (" + c.name + ")"
	body := encodeBody(t, c.body)

	req, err := http.NewRequest(c.method, k.app.URL+c.path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", cmp.Or(c.contentType, "application/json"))
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	route, params, err := k.router.FindRoute(req)
	if err != nil {
		t.Fatalf("%s: %s documents no such operation: %v", label, specPath, err)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: bearerPresent, MultiError: true}}
	reqErr := openapi3filter.ValidateRequest(context.Background(), in)
	switch {
	case reqErr != nil && !c.offSpec:
		t.Errorf("%s: the request does not match %s:\n%v", label, specPath, reqErr)
	case reqErr == nil && c.offSpec:
		t.Errorf("%s: the request breaks the API's rules but %s accepts it: tighten the spec", label, specPath)
	}

	req.Body = io.NopCloser(bytes.NewReader(body)) // validation read it
	resp := k.send(req)
	if resp.Status != c.status {
		t.Fatalf("%s: status %d, want %d: %s", label, resp.Status, c.status, resp.Body)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.Status, Header: resp.Header,
		Body: io.NopCloser(bytes.NewReader(resp.Body)), Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s: the %d response does not match %s:\n%v\nbody: %.600s", label, resp.Status, specPath, err, resp.Body)
	}
	if reqErr == nil && resp.Status < 300 {
		k.exercised[route.Method+" "+k.doc.Servers[0].URL+route.Path] = true
	}
	return resp
}

func encodeBody(t *testing.T, body any) []byte {
	switch b := body.(type) {
	case nil:
		return nil
	case string:
		return []byte(b)
	case []byte:
		return b
	}
	enc, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return enc
}

func (k *contract) send(req *http.Request) *testkit.Response {
	return k.app.Send(k.t, req)
}

// bearerPresent accepts a request that carries a bearer token; whether it
// is a valid one is the server's business (a 401 that the spec documents).
func bearerPresent(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	token, ok := strings.CutPrefix(in.RequestValidationInput.Request.Header.Get("Authorization"), "Bearer ")
	if !ok || token == "" {
		return errors.New("no bearer token")
	}
	return nil
}

// documented lists "METHOD /api/v1/path" of every operation in the spec.
func (k *contract) documented() []string {
	base := k.doc.Servers[0].URL
	var ops []string
	for path, item := range k.doc.Paths.Map() {
		for method := range item.Operations() {
			ops = append(ops, method+" "+base+path)
		}
	}
	slices.Sort(ops)
	return ops
}

// served lists "METHOD /api/v1/path" of every API route registered in gin,
// with :param written as {param}.
func served(t *testing.T, app *testkit.App) []string {
	var ops []string
	for _, r := range app.Web.Routes() {
		if !strings.HasPrefix(r.Path, "/api/v1/") {
			continue
		}
		parts := strings.Split(r.Path, "/")
		for i, p := range parts {
			if name, ok := strings.CutPrefix(p, ":"); ok {
				parts[i] = "{" + name + "}"
			}
		}
		ops = append(ops, r.Method+" "+strings.Join(parts, "/"))
	}
	slices.Sort(ops)
	return ops
}
