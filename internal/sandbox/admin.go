package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// The admin API steers a sandbox that runs as its own process (benchmarks,
// demos, manual tests). Its requests are neither counted, recorded nor
// faulted. Like the emulators it is only reachable where the server listens,
// and Start listens on loopback addresses only.
//
//	GET  /_sandbox/stats              every service's ServiceStats plus "counts" (its routes' counters) and "customers"
//	GET  /_sandbox/faults             every service's Faults
//	GET  /_sandbox/faults/{service}   one service's Faults
//	PUT  /_sandbox/faults/{service}   replace them with the JSON Faults body: 204
//	POST /_sandbox/reset              ResetCounts: 204
//	POST /_sandbox/seed/{service}     SeedCustomers with the JSON body {"count": N}: 200 {"created": N, "customers": total}
const (
	adminPrefix = "/_sandbox"
	// maxAdminBody bounds a PUT body; a Faults document is a few hundred bytes.
	maxAdminBody = 1 << 16
)

// adminStats is one service in GET /_sandbox/stats.
type adminStats struct {
	ServiceStats
	Counts    map[string]int `json:"counts"`
	Customers int            `json:"customers"`
	// ListCalls is Server.ListCalls: customer list pages requested.
	ListCalls int `json:"list_calls"`
}

func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, adminPrefix)
	switch {
	case path == "/stats":
		if allowMethods(w, r, http.MethodGet) {
			writeAdmin(w, http.StatusOK, s.adminStats())
		}
	case path == "/reset":
		if allowMethods(w, r, http.MethodPost) {
			s.ResetCounts()
			w.WriteHeader(http.StatusNoContent)
		}
	case path == "/faults":
		if allowMethods(w, r, http.MethodGet) {
			all := map[string]Faults{}
			for _, name := range serviceNames {
				all[name] = s.Faults(name)
			}
			writeAdmin(w, http.StatusOK, all)
		}
	case strings.HasPrefix(path, "/faults/"):
		name := strings.TrimPrefix(path, "/faults/")
		if s.service(name) == nil {
			adminError(w, http.StatusNotFound, fmt.Sprintf("unknown service %q (want openprovider, ecurring or kyc)", name))
			return
		}
		if !allowMethods(w, r, http.MethodGet, http.MethodPut) {
			return
		}
		if r.Method == http.MethodGet {
			writeAdmin(w, http.StatusOK, s.Faults(name))
			return
		}
		s.putFaults(w, r, name)
	case strings.HasPrefix(path, "/seed/"):
		name := strings.TrimPrefix(path, "/seed/")
		if s.service(name) == nil {
			adminError(w, http.StatusNotFound, fmt.Sprintf("unknown service %q (want openprovider, ecurring or kyc)", name))
			return
		}
		if allowMethods(w, r, http.MethodPost) {
			s.seed(w, r, name)
		}
	default:
		adminError(w, http.StatusNotFound, "no such admin endpoint: "+r.Method+" "+r.URL.Path)
	}
}

func (s *Server) seed(w http.ResponseWriter, r *http.Request, name string) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxAdminBody))
	if err != nil {
		adminError(w, http.StatusBadRequest, "reading the body: "+err.Error())
		return
	}
	var req struct {
		Count *int `json:"count"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil || req.Count == nil {
		adminError(w, http.StatusBadRequest, `the body must be {"count": N}`)
		return
	}
	created, err := s.SeedCustomers(name, *req.Count)
	if err != nil {
		adminError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeAdmin(w, http.StatusOK, map[string]int{"created": len(created), "customers": s.adminStats()[name].Customers})
}

func (s *Server) putFaults(w http.ResponseWriter, r *http.Request, name string) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxAdminBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			adminError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body larger than %d bytes", maxAdminBody))
			return
		}
		adminError(w, http.StatusBadRequest, "reading the body: "+err.Error())
		return
	}
	var f Faults
	if err := json.Unmarshal(body, &f); err != nil {
		adminError(w, http.StatusBadRequest, "the body is not a Faults object: "+err.Error())
		return
	}
	if err := s.SetFaults(name, f); err != nil {
		adminError(w, http.StatusBadRequest, err.Error())
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) adminStats() map[string]adminStats {
	counts := s.Counts()
	out := map[string]adminStats{}
	for i := range s.mounts {
		m := &s.mounts[i]
		st := adminStats{ServiceStats: s.Stats(m.svc.name), Counts: map[string]int{}, ListCalls: s.ListCalls(m.svc.name)}
		for _, rt := range m.routes {
			if n := counts[rt.method+" "+rt.template]; n > 0 {
				st.Counts[rt.method+" "+rt.template] = n
			}
		}
		switch m.svc.name {
		case ServiceOpenprovider:
			st.Customers = len(s.Openprovider.Customers())
		case ServiceEcurring:
			st.Customers = s.Ecurring.CustomerCount()
		case ServiceKYC:
			st.Customers = s.KYC.CustomerCount()
		}
		out[m.svc.name] = st
	}
	return out
}

// allowMethods reports whether r uses one of methods, and answers 405 if not.
func allowMethods(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	for _, m := range methods {
		if r.Method == m {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	adminError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed; use "+strings.Join(methods, " or "))
	return false
}

func writeAdmin(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // the client may be gone; nothing to do about it
}

func adminError(w http.ResponseWriter, status int, msg string) {
	writeAdmin(w, status, map[string]string{"error": msg})
}
