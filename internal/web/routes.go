package web

// routes lists every route in one place.
func (s *Server) routes() {
	e := s.engine
	e.NoRoute(s.noRoute)
	e.NoMethod(s.noRoute)
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)

	e.GET(staticPrefix+"*path", s.serveStatic)
	e.HEAD(staticPrefix+"*path", s.serveStatic)

	// Unsubscribe links in rater emails (no login; the token is the key).
	e.GET("/u/:token", privateHeaders, s.unsubscribePage)
	e.POST("/u/:token", privateHeaders, s.unsubscribe)
	e.GET("/r/:token", privateHeaders, s.leaderReport)

	// The rater's survey: the link's token is the only credential.
	survey := e.Group("/s/:token", privateHeaders, s.surveyLink)
	survey.GET("", s.surveyPage)
	survey.POST("", s.sameOrigin("This form can only be sent from its own page. Please open your survey link again."), s.surveyPost)

	api := e.Group("/api/v1")
	api.POST("/tokens", s.createToken)

	surveyAPI := api.Group("/survey/:token", privateHeaders, s.surveyLink)
	surveyAPI.GET("", s.apiGetSurvey)
	surveyAPI.PUT("", s.apiSaveSurvey)
	surveyAPI.POST("/submit", s.apiSubmitSurvey)
	surveyAPI.POST("/decline", s.apiDeclineSurvey)

	coach := api.Group("", s.requireAPIToken)
	coach.POST("/leaders", s.createLeader)
	coach.GET("/leaders", s.listLeaders)
	coach.GET("/leaders/:id", s.getLeader)

	coach.GET("/frameworks", s.listFrameworks)
	coach.GET("/frameworks/:key", s.getFramework)
	coach.POST("/frameworks", s.createFramework)

	coach.POST("/rounds", s.createRound)
	coach.GET("/rounds", s.listRounds)
	coach.GET("/rounds/:id", s.getRound)
	coach.POST("/rounds/:id/launch", s.launchRound)
	coach.POST("/rounds/:id/close", s.closeRound)
	coach.POST("/rounds/:id/remind", s.remindRound)
	coach.GET("/rounds/:id/summary", s.getSummary)
	coach.GET("/rounds/:id/report.pdf", s.getReportPDF)
	coach.POST("/rounds/:id/release", s.releaseRound)
	coach.POST("/rounds/:id/raters", s.addRater)
	coach.DELETE("/rounds/:id/raters/:rater_id", s.removeRater)

	s.coachRoutes()
}
