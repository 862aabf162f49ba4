// pdf-lib, through this one module: `npm pack` replaces dist/vendor/pdf-lib.js with a bundle of
// pdf-lib and its modules (scripts/bundle-vendor.mjs), so that the installed package carries
// 0.43 MB of it instead of the 21 MB its packages unpack to (issue 22: the install within
// 100 MB). In a checkout this file re-exports the devDependency; code imports pdf-lib only
// from here (types may come from 'pdf-lib' itself: they are erased).
export * from 'pdf-lib';
