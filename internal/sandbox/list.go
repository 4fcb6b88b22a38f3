package sandbox

import (
	"fmt"
	"net/http"
)

// ListRoute returns the counter key (see Count) of service's customer list endpoint, such as
// "GET /openprovider/v1beta/customers", or "" for an unknown service.
func ListRoute(service string) string {
	switch service {
	case ServiceOpenprovider:
		return http.MethodGet + " " + openproviderPrefix + "/customers"
	case ServiceEcurring:
		return http.MethodGet + " " + ecurringPrefix + "/customers"
	case ServiceKYC:
		return http.MethodGet + " " + kycPrefix + "/customers"
	}
	return ""
}

// ListCalls returns how many customer list requests service (ServiceOpenprovider,
// ServiceEcurring or ServiceKYC) received since the server was made or the last ResetCounts:
// every page fetched counts, whatever its answer (refusals and injected faults included), as
// Count does. Tests and benchmarks assert "API calls per query" with it. An unknown service has
// none.
func (s *Server) ListCalls(service string) int {
	route := ListRoute(service)
	if route == "" {
		return 0
	}
	return s.Count(route)
}

// maxSeed bounds one SeedCustomers call (the admin API passes counts through).
const maxSeed = 100000

// SeedCustomers creates n valid customers of service directly in its store, without requests
// (nothing is counted, recorded or faulted), and returns their handles or ids in creation order;
// see Openprovider.Seed, Ecurring.Seed and KYC.Seed for what they hold. It is how paging tests
// and benchmarks get thousands of customers cheaply.
func (s *Server) SeedCustomers(service string, n int) ([]string, error) {
	if n < 0 || n > maxSeed {
		return nil, fmt.Errorf("cannot seed %d customers: 0 to %d at a time", n, maxSeed)
	}
	switch service {
	case ServiceOpenprovider:
		return s.Openprovider.Seed(n), nil
	case ServiceEcurring:
		return s.Ecurring.Seed(n), nil
	case ServiceKYC:
		return s.KYC.Seed(n), nil
	}
	return nil, fmt.Errorf("unknown service %q (want openprovider, ecurring or kyc)", service)
}
