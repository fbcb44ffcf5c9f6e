// Fixture: medlint reads nothing here (the config is code); the site:
// block in .medlint.yaml says what differs from Docusaurus's defaults.
module.exports = { title: 'Dosing docs (fixture)', url: 'https://dosing.example.org', baseUrl: '/' };
