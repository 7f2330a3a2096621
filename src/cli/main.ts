export function main(argv: string[]): void {
  void argv;
}
