package render

// MinifyCSS is minifyCSS, for the external tests that drive a browser.
var MinifyCSS = minifyCSS
