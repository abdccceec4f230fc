package web

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestOpenAPIMatchesRoutes: every route of the mux is documented in
// openapi.json, and every documented operation is a route.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var spec struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Parameters  []struct {
				Name string `json:"name"`
				In   string `json:"in"`
			} `json:"parameters"`
			Responses map[string]any `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(openAPISpec, &spec); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(spec.OpenAPI, "3.") {
		t.Errorf("openapi version %q, want 3.x", spec.OpenAPI)
	}
	s := New(Options{})
	routes := map[string]bool{}
	for _, rt := range s.routes() {
		if !rt.documented {
			continue
		}
		method, path := openAPIPath(rt.pattern)
		routes[strings.ToLower(method)+" "+path] = true
	}
	documented := map[string]bool{}
	ids := map[string]bool{}
	pathParam := regexp.MustCompile(`\{(\w+)\}`)
	for path, ops := range spec.Paths {
		for method, op := range ops {
			documented[method+" "+path] = true
			if op.OperationID == "" || ids[op.OperationID] {
				t.Errorf("%s %s: missing or repeated operationId %q", method, path, op.OperationID)
			}
			ids[op.OperationID] = true
			if len(op.Responses) == 0 {
				t.Errorf("%s %s: no responses", method, path)
			}
			for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
				found := false
				for _, p := range op.Parameters {
					found = found || (p.In == "path" && p.Name == m[1])
				}
				if !found {
					t.Errorf("%s %s: path parameter %s not declared", method, path, m[1])
				}
			}
		}
	}
	for r := range routes {
		if !documented[r] {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for d := range documented {
		if !routes[d] {
			t.Errorf("openapi.json documents %s, which no route serves", d)
		}
	}
	if t.Failed() {
		var rs []string
		for r := range routes {
			rs = append(rs, r)
		}
		sort.Strings(rs)
		t.Logf("routes: %v", rs)
	}
}

// TestOpenAPIRefs: every $ref names a schema that exists.
func TestOpenAPIRefs(t *testing.T) {
	var spec struct {
		Components struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPISpec, &spec); err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`"\$ref":\s*"#/components/schemas/(\w+)"`).FindAllStringSubmatch(string(openAPISpec), -1) {
		if spec.Components.Schemas[m[1]] == nil {
			t.Errorf("$ref to missing schema %s", m[1])
		}
	}
}
