// Fixture: medlint runs none of this (the config is code); --init reads
// its literal url, baseUrl and the docs plugin's routeBasePath into the
// site: block, and .medlint.yaml says what differs from the defaults.
module.exports = {
  title: 'Dosing docs (fixture)',
  url: 'https://dosing.example.org',
  baseUrl: '/',
  presets: [
    ['classic', {
      docs: { path: 'docs', routeBasePath: 'docs' },
      blog: { routeBasePath: 'blog' },
    }],
  ],
};
