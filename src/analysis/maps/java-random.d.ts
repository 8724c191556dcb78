/** java-random: java.util.Random in JS, the generator networkanalysis-ts draws from (no types of its own). */
declare module 'java-random' {
  export default class JavaRandom {
    constructor(seed?: number);
    nextInt(bound?: number): number;
    nextDouble(): number;
  }
}
