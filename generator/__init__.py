"""政务公开网站生成器: validate department YAML and build a static disclosure site."""
