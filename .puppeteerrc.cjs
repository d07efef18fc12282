// The machine has no internet: never download a browser; jepsh-bench finds a local Chromium
// (--browser, CHROME_PATH, /usr/bin/chromium, chromium / google-chrome on PATH).
module.exports = {
  skipDownload: true,
  chrome: { skipDownload: true },
  'chrome-headless-shell': { skipDownload: true },
};
