package functions_test

import (
	"testing"

	"github.com/customerhandles/terraform-provider-customers/internal/acctest"
)

func TestMain(m *testing.M) { acctest.Main(m) }
