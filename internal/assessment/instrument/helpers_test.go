package instrument_test

import "encoding/json"

func encodeJSON(v any) ([]byte, error) { return json.Marshal(v) }
