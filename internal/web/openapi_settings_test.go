package web_test

// settingsByContract reads and changes the coach's retention period, with
// the values a client may get wrong.
func settingsByContract(k *contract, token string) {
	k.do(call{name: "settings", method: "GET", path: "/api/v1/settings", token: token, status: 200})
	for _, days := range []int{29, 3651, 0, -1} {
		k.do(call{name: "retention out of range", method: "PUT", path: "/api/v1/settings", token: token, status: 422,
			offSpec: true, body: map[string]int{"retention_days": days}})
	}
	k.do(call{name: "retention missing", method: "PUT", path: "/api/v1/settings", token: token, status: 422,
		offSpec: true, body: map[string]int{}})
	k.do(call{name: "retention not a number", method: "PUT", path: "/api/v1/settings", token: token, status: 400,
		offSpec: true, body: map[string]string{"retention_days": "two years"}})
	k.do(call{name: "retention not whole", method: "PUT", path: "/api/v1/settings", token: token, status: 400,
		offSpec: true, body: map[string]float64{"retention_days": 365.5}})
	k.do(call{name: "retention", method: "PUT", path: "/api/v1/settings", token: token, status: 200,
		body: map[string]int{"retention_days": 365}})
}
